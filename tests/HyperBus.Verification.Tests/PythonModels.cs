using System.Diagnostics;
using System.Text.Json;

namespace HyperBus.Verification.Tests;

/// <summary>
/// Real ONNX models made once by the PyTorch example trainer (hyperbus_trainer.examples.torch_mlp) on digits
/// with a 0.2 holdout (seed 5): a trained one and an untrained one, each with the accuracies PyTorch itself
/// measures and its predictions for every row.
/// </summary>
public sealed class PythonModels : IDisposable
{
    public const double Holdout = 0.2;
    public const long Seed = 5;

    private const string Script = """
        import json, sys
        from hyperbus_trainer.examples import torch_mlp
        from hyperbus_trainer.examples.datasets import load
        from hyperbus_trainer.holdout import holdout_rows
        params = {"dataset": "digits", "holdout": 0.2, "holdoutSeed": 5, "epochs": 8, "hidden": 32}
        x, y = load("digits")
        held = holdout_rows(len(y), 0.2, 5)
        result = {}
        for name, epochs in [("trained", None), ("untrained", 0)]:
            model, validation, _ = torch_mlp.fit(None, params, epochs)
            torch_mlp.export(model, params, sys.argv[1] + "/" + name)
            holdout = float((torch_mlp.predict(model, x[held]) == y[held]).mean())
            result[name] = {"validation": validation, "holdout": holdout}
        print(json.dumps(result))
        """;

    public PythonModels()
    {
        Folder = Directory.CreateTempSubdirectory("hyperbus-models-").FullName;
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(Folder);
        info.Environment["PYTHONPATH"] = Path.Combine(RepoRoot, "plugins", "python");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the PyTorch trainer failed: {stderr.Result}");
        }

        Scores = JsonDocument.Parse(output).RootElement.Clone();
    }

    public static string RepoRoot { get; } = FindRoot();

    public string Folder { get; }

    public JsonElement Scores { get; }

    public string Trained => Path.Combine(Folder, "trained");

    public string Untrained => Path.Combine(Folder, "untrained");

    public double Accuracy(string model, string on) => Scores.GetProperty(model).GetProperty(on).GetDouble();

    public static long[] PythonPredictions(string artifact) =>
        [.. File.ReadLines(Path.Combine(artifact, "predictions.csv")).Skip(1).Select(long.Parse)];

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found");
    }
}
