using System.Globalization;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using HyperBus.Storage;
using HyperBus.Verification;

namespace HyperBus.Integration.Tests;

/// <summary>
/// PyTorch trainers on a real RabbitMQ hand their models over as ONNX; the host re-scores each on the holdout
/// in C#, flags scores that do not hold up, keeps the best model, and <c>hyperbus predict</c> serves it.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class OnnxVerificationTests(RabbitNode rabbit) : IAsyncLifetime
{
    private const double Tolerance = 0.05;
    private const long HoldoutSeed = 3;
    private static readonly string DigitsCsv = Path.Combine(Repo.Root, "plugins", "HyperBus.Trainers.MLNet", "Datasets", "digits.csv");

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-onnx-");
    private readonly List<ChildProcess> _processes = [];

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    private string Artifacts => ArtifactPaths.RealPath(Directory.CreateDirectory(Path.Combine(_dir.FullName, "artifacts")).FullName);

    [Fact]
    public async Task The_pytorch_models_score_in_csharp_what_the_trainer_measured_and_predict_matches_the_trainer()
    {
        var broker = await StartAsync("onnx");
        var spec = WriteSpec("digits-mlp", "torch-mlp", "hidden: { type: int, values: [16, 64] }\n  lr: { type: float, values: [0.003, 0.01] }");

        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);

        Assert.Equal(4, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        var studyId = Guid.Parse(summary.GetProperty("studyId").GetString()!);
        var trials = await LoadAsync(studyId);
        var digits = CsvTable.Read(DigitsCsv);
        var holdout = HoldoutSplit.Rows(digits.RowCount, 0.2, HoldoutSeed);
        foreach (var trial in trials)
        {
            var reported = Number(trial, OnnxTrialVerifier.ReportedKey);
            Assert.True(Math.Abs(reported - trial.Value!.Value) <= Tolerance, $"trial {trial.Number}: reported {reported}, verified {trial.Value}");
            Assert.Equal("false", trial.Attributes[OnnxTrialVerifier.FlaggedKey]);
            Assert.True(ArtifactPaths.IsInside(Artifacts, trial.Artifact!), trial.Artifact);

            // The verified value is exactly the accuracy of PyTorch's own predictions on the held-out rows.
            var python = ReadPredictions(Path.Combine(trial.Artifact!, "predictions.csv"));
            var correct = Enumerable.Range(0, digits.RowCount).Count(i => holdout[i] && python[i] == digits.Labels![i]);
            Assert.Equal((double)correct / holdout.Count(h => h), trial.Value!.Value, 12);
        }

        var best = trials.MaxBy(t => t.Value)!;
        Assert.Equal(best.Number, summary.GetProperty("bestTrial").GetInt32());
        Assert.Equal(best.Value!.Value, summary.GetProperty("bestValue").GetDouble(), 12);
        Assert.True(best.Value > 0.9, $"best verified accuracy {best.Value}");
        var kept = best.Attributes[OnnxTrialVerifier.BestModelKey];
        Assert.Equal(File.ReadAllBytes(Path.Combine(best.Artifact!, "model.onnx")), File.ReadAllBytes(Path.Combine(kept, "model.onnx")));

        var output = Path.Combine(_dir.FullName, "predictions.csv");
        await using var predict = ChildProcess.Hyperbus("predict", $"predict {studyId} --storage \"{Storage}\" --input \"{DigitsCsv}\" --output \"{output}\"");
        Assert.True(await predict.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, predict.Output);
        Assert.Equal(ReadPredictions(Path.Combine(best.Artifact!, "predictions.csv")), ReadPredictions(output));
        Assert.Contains($"predicted {digits.RowCount} rows with trial {best.Number} of digits-mlp", predict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainer_that_reports_more_than_its_model_scores_is_flagged_and_never_best()
    {
        var broker = await StartAsync("liar");
        var spec = WriteSpec("digits-liar", "test-lying-mlp", "lie: { choices: [false, true] }\n  hidden: { type: int, values: [16, 64] }");

        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);

        Assert.Equal(4, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        var trials = await LoadAsync(Guid.Parse(summary.GetProperty("studyId").GetString()!));
        var liars = trials.Where(t => (bool)t.Params["lie"]).ToList();
        var honest = trials.Where(t => !(bool)t.Params["lie"]).ToList();
        Assert.Equal(2, liars.Count);
        Assert.All(liars, t =>
        {
            Assert.Equal("true", t.Attributes[OnnxTrialVerifier.FlaggedKey]);
            Assert.Equal(0.999, Number(t, OnnxTrialVerifier.ReportedKey));
            Assert.True(t.Value < 0.5, $"an untrained model verified at {t.Value}");
        });
        Assert.All(honest, t => Assert.Equal("false", t.Attributes[OnnxTrialVerifier.FlaggedKey]));

        // Unverified, a liar's 0.999 would win; verified, the best is an honest trial.
        var bestNumber = summary.GetProperty("bestTrial").GetInt32();
        Assert.Contains(bestNumber, honest.Select(t => t.Number));
        Assert.Equal(honest.Max(t => t.Value)!.Value, summary.GetProperty("bestValue").GetDouble(), 12);
        Assert.All(liars, t => Assert.False(t.Attributes.ContainsKey(OnnxTrialVerifier.BestModelKey)));
    }

    [Fact]
    public async Task An_mlnet_trainer_on_a_csharp_worker_saves_zip_and_onnx_and_predict_gives_the_mlnet_models_classes()
    {
        var broker = await StartHostAsync("mlnet");
        var worker = ChildProcess.Hyperbus("worker-cs", $"worker --transport rabbitmq --rabbitmq {broker} --trainer mlnet-sdca --concurrency 2 --verbose");
        _processes.Add(worker);
        await worker.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        var spec = WriteSpec("wine-sdca", "mlnet-sdca", "l2Regularization: { type: float, values: [0.001, 0.01, 0.1] }", dataset: "wine");

        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);

        Assert.Equal(3, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        var studyId = Guid.Parse(summary.GetProperty("studyId").GetString()!);
        var trials = await LoadAsync(studyId);
        Assert.All(trials, t =>
        {
            Assert.True(File.Exists(Path.Combine(t.Artifact!, "model.zip")), t.Artifact);
            Assert.Equal(t.Value!.Value, Number(t, OnnxTrialVerifier.VerifiedKey), 12);
        });

        var best = trials.First(t => t.Number == summary.GetProperty("bestTrial").GetInt32());
        var ml = new Microsoft.ML.MLContext(0);
        var model = ml.Model.Load(Path.Combine(best.Artifact!, "model.zip"), out _);
        var wine = new HyperBus.Trainers.MLNet.DatasetCatalog(Path.Combine(AppContext.BaseDirectory, "Datasets")).Load(ml, "wine");
        var mlnet = Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<uint>(model.Transform(wine), "PredictedLabel").Select(k => (long)k - 1).ToArray();
        var output = Path.Combine(_dir.FullName, "wine-predictions.csv");
        var wineCsv = Path.Combine(Repo.Root, "plugins", "HyperBus.Trainers.MLNet", "Datasets", "wine.csv");
        await using var predict = ChildProcess.Hyperbus("predict", $"predict wine-sdca --storage \"{Storage}\" --input \"{wineCsv}\" --output \"{output}\"");
        Assert.True(await predict.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, predict.Output);
        Assert.Equal(mlnet, ReadPredictions(output));
    }

    /// <summary>A host and a Python worker serving the PyTorch trainer and the lying one, on a fresh vhost.</summary>
    private async Task<Uri> StartAsync(string vhost)
    {
        var broker = await StartHostAsync(vhost);
        var pythonPath = $"{Path.Combine(Repo.Root, "plugins", "python")}:{Path.Combine(Repo.Root, "tests", "HyperBus.Integration.Tests", "OnnxTrainers")}";
        var worker = ChildProcess.Start("worker-torch", Repo.Python,
            $"-m hyperbus_trainer --rabbitmq {broker} --module hyperbus_trainer.examples.torch_mlp --module lying_mlp --trainer torch-mlp --trainer test-lying-mlp --concurrency 2",
            new Dictionary<string, string> { ["PYTHONPATH"] = pythonPath });
        _processes.Add(worker);
        await worker.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        return broker;
    }

    private async Task<Uri> StartHostAsync(string vhost)
    {
        var broker = await rabbit.CreateVhostAsync(vhost);
        var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        _processes.Add(host);
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        return broker;
    }

    private string WriteSpec(string name, string trainer, string space, string dataset = "digits") => StudyRun.WriteSpec(_dir.FullName, name + ".yaml", $"""
        study: {name}
        direction: maximize
        metric: accuracy
        parallelism: 2
        sampler: {"{"} type: grid {"}"}
        trainer: {trainer}
        artifacts: {Artifacts}
        verify: {"{"} holdout: 0.2, tolerance: {Tolerance.ToString(CultureInfo.InvariantCulture)}, seed: {HoldoutSeed} {"}"}
        fixed: {"{"} dataset: {dataset}, epochs: 10, folds: 3 {"}"}
        space:
          {space}
        """);

    private async Task<IReadOnlyList<Trial>> LoadAsync(Guid studyId)
    {
        using var store = new SqliteStudyStore(Storage);
        var trials = await store.LoadTrialsAsync(studyId);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        return trials;
    }

    private static double Number(Trial trial, string key) => double.Parse(trial.Attributes[key], CultureInfo.InvariantCulture);

    private static long[] ReadPredictions(string path) => [.. File.ReadLines(path).Skip(1).Select(long.Parse)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
