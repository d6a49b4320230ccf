using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

public sealed class When_a_trainer_fails : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task A_crash_is_retried_and_the_trial_completes_on_its_second_attempt()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: flaky
            trials: 6
            parallelism: 2
            maxAttempts: 2
            trainer: {{FlakyTrainer.Kind}}
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal(6, completed.Completed);
        Assert.Equal(0, completed.Failed);
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.All(trials.Where(t => t.Number % 2 == 0), t => Assert.Equal(2, t.Attempt));
        Assert.All(trials.Where(t => t.Number % 2 == 1), t => Assert.Equal(1, t.Attempt));
        var attempts = await host.Store.LoadAttemptsAsync(trials[0].Id);
        Assert.Contains(attempts, a => a.Attempt == 1 && a.Error!.Contains("simulated crash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_breaker_trials_that_always_throw_are_failed_after_max_attempts_and_the_study_ends_failed()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: broken
            trials: 4
            parallelism: 2
            maxAttempts: 3
            retry: { delaySeconds: 0 }
            circuitBreaker: false
            trainer: {{FlakyTrainer.Kind}}
            fixed: { mode: always }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        // No trial could complete: the study failed, it did not "complete" with no value.
        Assert.Equal(StudyOutcome.Failed, completed.Outcome);
        Assert.Equal(StudyStatus.Failed, (await host.Store.GetStudyAsync(completed.StudyId))!.Status);
        Assert.Equal(4, completed.Failed);
        Assert.Null(completed.BestValue);
        Assert.Equal(12, host.Probe.Runs.Count); // 4 trials x 3 attempts
        Assert.Equal(12, await host.Harness.Published.SelectAsync<TrialFailed>().Count());
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.All(trials, t => Assert.Equal(TrialState.Failed, t.State));
    }

    [Fact]
    public async Task A_hung_trainer_is_abandoned_at_its_deadline_and_the_worker_serves_the_retry()
    {
        // One slot: the retries can only run if the worker lets go of the hung attempts.
        await using var host = await HostHarness.StartAsync(_store.Path, workerConcurrency: 1);
        var completed = await host.RunAsync($$"""
            study: hung
            trials: 4
            parallelism: 2
            maxAttempts: 2
            trialTimeoutSeconds: 1
            trainer: {{FlakyTrainer.Kind}}
            fixed: { mode: hang }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal(4, completed.Completed);
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.All(trials.Where(t => t.Number % 2 == 0), t => Assert.Equal(2, t.Attempt));
        var attempts = await host.Store.LoadAttemptsAsync(trials[0].Id);
        Assert.Contains(attempts, a => a.Attempt == 1 && a.Error!.Contains("deadline", StringComparison.Ordinal));
    }

    public void Dispose() => _store.Dispose();
}
