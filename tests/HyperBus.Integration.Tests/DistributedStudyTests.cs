using System.Diagnostics;
using System.Globalization;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using HyperBus.Storage;

namespace HyperBus.Integration.Tests;

/// <summary>The host, C# workers and Python workers as separate processes on a real RabbitMQ.</summary>
[Collection(RabbitCollection.Name)]
public sealed class DistributedStudyTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-it-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task A_host_with_two_csharp_and_two_python_workers_runs_two_studies_at_once_each_trial_once()
    {
        var broker = await rabbit.CreateVhostAsync("dist");
        var bus = $"--transport rabbitmq --rabbitmq {broker}";
        await using var host = ChildProcess.Hyperbus("host", $"host {bus} --storage \"{Storage}\" --verbose");
        await using var csharp1 = ChildProcess.Hyperbus("worker-cs-1", $"worker {bus} --trainer function --concurrency 2 --verbose");
        await using var csharp2 = ChildProcess.Hyperbus("worker-cs-2", $"worker {bus} --trainer function --concurrency 2 --verbose");
        await using var python1 = ChildProcess.PythonWorker("worker-py-1", $"--rabbitmq {broker} --trainer sklearn-svc");
        await using var python2 = ChildProcess.PythonWorker("worker-py-2", $"--rabbitmq {broker} --trainer sklearn-svc");
        foreach (var p in new[] { host, csharp1, csharp2 })
        {
            await p.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        }

        await python1.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        await python2.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));

        var branin = StudyRun.WriteSpec(_dir.FullName, "branin.yaml", """
            study: branin-dist
            trials: 24
            parallelism: 4
            sampler: { type: random, seed: 5 }
            trainer: function
            fixed: { function: branin }
            space:
              x0: { type: float, low: -5, high: 10 }
              x1: { type: float, low: 0, high: 15 }
            """);
        var svc = StudyRun.WriteSpec(_dir.FullName, "svc.yaml", """
            study: svc-dist
            direction: maximize
            trials: 12
            parallelism: 4
            sampler: { type: random, seed: 5 }
            trainer: sklearn-svc
            fixed: { dataset: iris, folds: 5 }
            space:
              C: { type: float, low: 0.01, high: 100, log: true }
              gamma: { type: float, low: 0.0001, high: 1, log: true }
              kernel: { choices: [linear, rbf] }
            """);

        var results = await Task.WhenAll(StudyRun.SubmitAndWaitAsync(broker, branin), StudyRun.SubmitAndWaitAsync(broker, svc));

        Assert.Equal(24, results[0].GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.Equal(12, results[1].GetProperty("trials").GetProperty("completed").GetInt32());
        using var store = new SqliteStudyStore(Storage);
        foreach (var (summary, kind, workers) in new[] { (results[0], "function", new[] { csharp1, csharp2 }), (results[1], "sklearn-svc", new[] { python1, python2 }) })
        {
            var studyId = Guid.Parse(summary.GetProperty("studyId").GetString()!);
            var trials = await store.LoadTrialsAsync(studyId);
            Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
            var runners = new List<string?>();
            foreach (var trial in trials)
            {
                var attempts = await store.LoadAttemptsAsync(trial.Id);
                Assert.Single(attempts); // run once: no retry, no second attempt
                runners.Add(attempts[0].WorkerId);
            }

            // Workers of one kind compete for its queue: both took trials.
            Assert.True(runners.Distinct().Count() >= 2, $"{kind}: all trials ran on {string.Join(", ", runners.Distinct())}");
        }

        // Every request was acknowledged: nothing is left ready or unacknowledged in the trainer queues
        // (the last acknowledgements may trail the study's end by a moment).
        var vhost = broker.AbsolutePath.Trim('/');
        string left = "";
        for (var i = 0; i < 50; i++)
        {
            var queues = await rabbit.Ctl($"list_queues -p {vhost} name messages");
            left = string.Join(", ", queues.Split('\n').Where(l => l.StartsWith("hyperbus-trainer-", StringComparison.Ordinal) && !l.Contains("_error", StringComparison.Ordinal) && !l.TrimEnd().EndsWith("\t0", StringComparison.Ordinal)));
            if (left.Length == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(left.Length == 0, $"messages left: {left}");
    }

    [Fact]
    public async Task The_svc_grid_on_python_workers_finds_the_same_best_accuracy_as_GridSearchCV()
    {
        var broker = await rabbit.CreateVhostAsync("grid");
        var bus = $"--transport rabbitmq --rabbitmq {broker}";
        await using var host = ChildProcess.Hyperbus("host", $"host {bus} --storage \"{Storage}\" --verbose");
        await using var python1 = ChildProcess.PythonWorker("worker-py-1", $"--rabbitmq {broker} --trainer sklearn-svc --concurrency 2");
        await using var python2 = ChildProcess.PythonWorker("worker-py-2", $"--rabbitmq {broker} --trainer sklearn-svc --concurrency 2");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await python1.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        await python2.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));

        var summary = await StudyRun.SubmitAndWaitAsync(broker, "examples/iris-svc-grid.yaml");
        var gridSearch = await GridSearchCvBestScoreAsync();

        Assert.Equal(144, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.Equal(gridSearch, summary.GetProperty("bestValue").GetDouble(), 9);
    }

    private static async Task<double> GridSearchCvBestScoreAsync()
    {
        const string script = "from sklearn.datasets import load_iris\n" +
            "from sklearn.model_selection import GridSearchCV\n" +
            "from sklearn.svm import SVC\n" +
            "X, y = load_iris(return_X_y=True)\n" +
            "v = [0.001, 0.01, 0.1, 1, 10, 100]\n" +
            "g = GridSearchCV(SVC(), {'C': v, 'gamma': v, 'kernel': ['linear', 'rbf', 'poly', 'sigmoid']}, cv=5).fit(X, y)\n" +
            "print(repr(g.best_score_))\n";
        var info = new ProcessStartInfo(Repo.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-");
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
