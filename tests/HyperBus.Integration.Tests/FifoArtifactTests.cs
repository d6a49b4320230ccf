using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// Issue 18, item 5 end to end: a Python trainer returns a FIFO inside the artifact folder as its model. The host
/// refuses it without opening it (opening a FIFO blocks until a writer comes), fails that attempt with the reason,
/// and the study goes on to its end.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class FifoArtifactTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-fifo-");

    [Fact]
    public async Task A_fifo_returned_as_an_artifact_is_refused_with_the_reason_and_the_study_finishes()
    {
        var broker = await rabbit.CreateVhostAsync("fifo");
        var storage = Path.Combine(_dir.FullName, "host.db");
        var artifacts = Directory.CreateDirectory(Path.Combine(_dir.FullName, "artifacts")).FullName;
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{storage}\" --verbose");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer fault-fifo-artifact --concurrency 2");
        await python.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        var studyId = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "fifo.yaml", $"""
            study: fifo
            trials: 6
            parallelism: 2
            maxAttempts: 1
            sampler: {"{"} type: random, seed: 5 {"}"}
            trainer: fault-fifo-artifact
            artifacts: {artifacts}
            space: {"{"} x: {"{"} type: float, low: 0, high: 1 {"}"} {"}"}
            """));
        using var watch = new StoreWatch(storage);
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(2)); // a blocked host thread would never get here

        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(6, trials.Count);
        Assert.All(trials.Where(t => t.Number % 2 == 1), t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var trial in trials.Where(t => t.Number % 2 == 0))
        {
            Assert.Equal(TrialState.Failed, trial.State);
            var attempts = await watch.Store.LoadAttemptsAsync(trial.Id);
            Assert.Contains("is empty or not a regular file", attempts[^1].Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(trials, t => t.Attributes.ContainsKey("artifact.best"));
        Assert.False(host.HasExited, host.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
