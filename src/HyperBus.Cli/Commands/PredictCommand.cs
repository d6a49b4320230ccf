using System.CommandLine;
using System.Globalization;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Storage;
using HyperBus.Verification;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus predict STUDY --input data.csv</c>: runs the best trial's ONNX model on new rows.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var study = new Argument<string>("study") { Description = "a study name or id" };
        var input = new Option<FileInfo>("--input") { Description = "CSV with a header row; a 'label' column is ignored", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "where to write the predictions (default: stdout)" };
        var command = new Command("predict", "Predict with the best trial's ONNX model: one 'prediction' per input row") { study, input, output, SharedOptions.Storage };
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var storage = result.GetValue(SharedOptions.Storage)!;
            if (!File.Exists(storage))
            {
                throw new SpecException([new SpecError("--storage", $"no study store at '{Path.GetFullPath(storage)}'")]);
            }

            var name = result.GetValue(study)!;
            using var store = SqliteStudyStore.OpenForReading(storage);
            var record = await store.FindStudyAsync(name, ct) ?? throw new SpecException([new SpecError("study", $"no study named '{name}' in {storage}")]);
            var best = Best(await store.LoadTrialsAsync(record.Id, ct), record.Direction)
                ?? throw new SpecException([new SpecError("study", $"'{name}' has no completed trial yet")]);
            var model = ModelOf(best, name);

            var inputFile = result.GetValue(input)!;
            if (!inputFile.Exists)
            {
                throw new SpecException([new SpecError("--input", $"no file at '{inputFile.FullName}'")]);
            }

            CsvTable table;
            try
            {
                table = CsvTable.Read(inputFile.FullName);
            }
            catch (FormatException e)
            {
                throw new SpecException([new SpecError("--input", e.Message)]);
            }

            using var classifier = new OnnxClassifier(model);
            if (classifier.FeatureCount > 0 && classifier.FeatureCount != table.FeatureNames.Count)
            {
                throw new SpecException([new SpecError("--input", $"has {table.FeatureNames.Count} feature columns; the model of trial {best.Number} takes {classifier.FeatureCount}")]);
            }

            var predictions = classifier.Predict(table.Features);
            var target = result.GetValue(output);
            var text = "prediction\n" + string.Concat(predictions.Select(p => p.ToString(CultureInfo.InvariantCulture) + "\n"));
            if (target is null)
            {
                await Console.Out.WriteAsync(text);
            }
            else
            {
                await File.WriteAllTextAsync(target.FullName, text, ct);
            }

            Console.Error.WriteLine($"predicted {predictions.Length} rows with trial {best.Number} of {record.Name} ({model})");
            return CommandRunner.Ok;
        }));
        return command;
    }

    /// <summary>The best completed trial, ties to the earlier one, as the study chose it (its value is the verified score when verified).</summary>
    private static Trial? Best(IReadOnlyList<Trial> trials, StudyDirection direction)
    {
        Trial? best = null;
        foreach (var t in trials.Where(t => t.State == TrialState.Completed && t.Value is not null))
        {
            if (best is null || (direction == StudyDirection.Maximize ? t.Value > best.Value : t.Value < best.Value))
            {
                best = t;
            }
        }

        return best;
    }

    /// <summary>The kept copy of the best model when it is there, else the trial's own artifact.</summary>
    private static string ModelOf(Trial best, string study)
    {
        var candidates = new[] { best.Attributes.GetValueOrDefault(OnnxTrialVerifier.BestModelKey), best.Artifact }
            .Where(p => p is not null && (File.Exists(p) || Directory.Exists(p)))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new SpecException([new SpecError("study", $"the best trial ({best.Number}) of '{study}' has no model artifact on this machine ({best.Artifact ?? "none recorded"})")]);
        }

        try
        {
            return OnnxArtifact.ModelFile(candidates[0]!);
        }
        catch (ArtifactRejectedException e)
        {
            throw new SpecException([new SpecError("study", e.Message)]);
        }
    }
}
