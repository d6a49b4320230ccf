using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HyperBus.Trainers.MLNet;

/// <summary>The classification datasets shipped as CSV files in the <c>Datasets</c> folder beside the plugin.</summary>
public sealed class DatasetCatalog
{
    /// <summary>The last CSV column: the class index of each row.</summary>
    public const string LabelHeader = "label";

    public DatasetCatalog()
        : this(Path.Combine(AppContext.BaseDirectory, "Datasets"))
    {
    }

    public DatasetCatalog(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The dataset names, one per CSV file, sorted.</summary>
    public IReadOnlyList<string> Names =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.csv")
                .Select(f => Path.GetFileNameWithoutExtension(f))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>
    /// Loads <paramref name="name"/> with a float vector <c>Features</c> column and a key <c>Label</c>
    /// column whose key order follows the class index (key 1 is class 0).
    /// </summary>
    public IDataView Load(MLContext ml, string name)
    {
        // Only listed names reach the file system, so a name from a message cannot point elsewhere.
        var names = Names;
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            var known = names.Count > 0 ? string.Join(", ", names) : $"none (no CSV files in {Directory})";
            throw new TrialFailedException($"unknown dataset '{name}'; known datasets: {known}");
        }

        var path = Path.Combine(Directory, name + ".csv");
        var header = File.ReadLines(path).FirstOrDefault()?.Split(',') ?? [];
        if (header.Length < 2 || header[^1] != LabelHeader)
        {
            throw new TrialFailedException($"dataset '{name}' ({path}) needs a header row of feature names ending with '{LabelHeader}'");
        }

        var featureCount = header.Length - 1;
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = [','],
            Columns =
            [
                new TextLoader.Column("Features", DataKind.Single, 0, featureCount - 1),
                new TextLoader.Column("ClassIndex", DataKind.Single, featureCount),
            ],
        });
        var raw = loader.Load(path);
        var labelled = ml.Transforms.Conversion
            .MapValueToKey("Label", "ClassIndex", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.DropColumns("ClassIndex"))
            .Fit(raw)
            .Transform(raw);

        // Every fold reads the rows several times; parse the file once.
        return ml.Data.Cache(labelled);
    }
}
