using System.Diagnostics;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// The trial policy's default circuit breaker on real processes and a real RabbitMQ: a Python worker whose trainer fails
/// every attempt for its first 60 s. The study pauses instead of burning its trials, resumes once a probe succeeds and
/// completes every trial. The only long test of the policy (about 70 s): the outage has to outlast several breaks.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class TrialPolicyTests(RabbitNode rabbit, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-policy-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task A_pool_down_for_a_minute_pauses_the_study_which_resumes_and_completes_with_no_failed_trial()
    {
        var broker = await rabbit.CreateVhostAsync("outage");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        await host.WaitForOutputAsync("Bus started", Ready);
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer fault-outage --concurrency 4");
        await python.WaitForOutputAsync("serving", Ready);
        // The default policy: no retry:, circuitBreaker: or maxAttempts in the spec.
        var studyId = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "outage.yaml", """
            study: outage
            trials: 8
            parallelism: 4
            sampler: { type: random, seed: 5 }
            trainer: fault-outage
            fixed: { outageSeconds: 60 }
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(Storage);
        var clock = Stopwatch.StartNew();

        var paused = await WaitForSagaAsync(watch, studyId, s => s.State == "Paused", TimeSpan.FromSeconds(60));
        var pausedAfter = clock.Elapsed;
        Assert.True(pausedAfter < TimeSpan.FromSeconds(30), $"paused only after {pausedAfter}, past the breaker's 30 s sampling window");
        Assert.StartsWith("paused: trainer fault-outage failing: ", paused.PauseReason, StringComparison.Ordinal);
        Assert.Contains("CUDA error", paused.PauseReason, StringComparison.Ordinal);
        Assert.Equal(StudyStatus.Paused, (await watch.Store.GetStudyAsync(studyId))!.Status);

        // StoreWatch.WaitForEndAsync stops at any status but Running, Paused included; this waits for a real end.
        await WaitForSagaAsync(watch, studyId, s => s.State is "Completed" or "Failed" or "Cancelled", TimeSpan.FromMinutes(3));
        var study = (await watch.Store.GetStudyAsync(studyId))!;

        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(8, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        var attempts = new List<TrialAttempt>();
        foreach (var trial in trials)
        {
            attempts.AddRange(await watch.Store.LoadAttemptsAsync(trial.Id));
        }

        var failedAttempts = attempts.Count(a => a.State == nameof(TrialState.Failed));
        foreach (var a in attempts.OrderBy(a => a.FinishedAt))
        {
            output.WriteLine($"  {(a.FinishedAt - study.CreatedAt)?.TotalSeconds:0.00} s: trial {trials.First(t => t.Id == a.TrialId).Number} attempt {a.Attempt} {a.State}");
        }

        output.WriteLine($"paused after {pausedAfter.TotalSeconds:0.0} s, completed after {clock.Elapsed.TotalSeconds:0.0} s, {failedAttempts} failed attempts, {trials.Sum(t => t.Attempt)} attempts in all");
        // Without the breaker every trial dispatched during the outage fails maxAttempts times and is lost.
        Assert.InRange(failedAttempts, 5, 10);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(55), "the study completed before the outage could have ended");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private static async Task<StudySaga> WaitForSagaAsync(StoreWatch watch, Guid studyId, Func<StudySaga, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await watch.Store.LoadSagaAsync(studyId) is { } saga && done(saga))
            {
                return saga;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"study {studyId}: the saga never reached the expected state within {timeout}");
    }
}
