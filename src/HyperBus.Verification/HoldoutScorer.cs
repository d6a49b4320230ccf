using System.Collections.Concurrent;
using HyperBus.Core.Specs;

namespace HyperBus.Verification;

/// <summary>Scores an ONNX classifier on the held-out rows of a named dataset.</summary>
public sealed class HoldoutScorer
{
    private readonly VerificationOptions _options;
    private readonly ConcurrentDictionary<string, CsvTable> _datasets = new(StringComparer.Ordinal);

    public HoldoutScorer(VerificationOptions options)
    {
        _options = options;
    }

    /// <summary>Accuracy of <paramref name="modelPath"/> on the holdout of <paramref name="dataset"/>, and the number of held-out rows.</summary>
    public (double Accuracy, int Rows) Score(string modelPath, string dataset, VerifySpec verify)
    {
        var table = Load(dataset);
        var holdout = HoldoutSplit.Rows(table.RowCount, verify.Holdout, verify.Seed);
        var rows = new List<float[]>();
        var labels = new List<long>();
        for (var i = 0; i < table.RowCount; i++)
        {
            if (holdout[i])
            {
                rows.Add(table.Features[i]);
                labels.Add(table.Labels![i]);
            }
        }

        using var model = new OnnxClassifier(modelPath);
        if (model.FeatureCount > 0 && model.FeatureCount != table.FeatureNames.Count)
        {
            throw new ArtifactRejectedException($"artifact: the model takes {model.FeatureCount} features, dataset '{dataset}' has {table.FeatureNames.Count}");
        }

        var predicted = model.Predict(rows);
        var correct = predicted.Where((p, i) => p == labels[i]).Count();
        return ((double)correct / rows.Count, rows.Count);
    }

    /// <summary>The dataset by name; only files in the dataset folder, so a name from a spec cannot point elsewhere.</summary>
    public CsvTable Load(string dataset)
    {
        return _datasets.GetOrAdd(dataset, name =>
        {
            var known = Directory.Exists(_options.DatasetDirectory)
                ? Directory.EnumerateFiles(_options.DatasetDirectory, "*.csv").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()
                : [];
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new ArtifactRejectedException($"fixed.dataset: the host has no dataset '{name}' to verify on; it has: {string.Join(", ", known)}");
            }

            var table = CsvTable.Read(Path.Combine(_options.DatasetDirectory, name + ".csv"));
            return table.Labels is null ? throw new ArtifactRejectedException($"fixed.dataset: '{name}' has no '{CsvTable.LabelHeader}' column to score against") : table;
        });
    }
}
