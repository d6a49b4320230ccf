using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// The circuit breaker through the saga: a pool that fails everything pauses its study with the reason instead of
/// burning trials; probes go one at a time after each break; the first that succeeds resumes the study.
/// </summary>
public sealed class When_a_trainer_pool_keeps_failing : IDisposable
{
    private readonly TempStore _store = new();

    private static string Spec(string name) => $$"""
        study: {{name}}
        trials: 6
        parallelism: 3
        retry: { maxAttempts: 2, delaySeconds: 0.2, jitter: false }
        circuitBreaker: { minimumThroughput: 3, breakSeconds: 1 }
        trainer: {{FlakyTrainer.Kind}}
        fixed: { mode: outage }
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    [Fact]
    public async Task The_study_pauses_with_the_reason_and_resumes_when_a_probe_succeeds_with_no_trial_failed()
    {
        var probe = new TrainerProbe { Outage = true };
        await using var host = await HostHarness.StartAsync(_store.Path, probe: probe);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(Spec("outage"), id);

        await WaitForStatusAsync(host, id, StudyStatus.Paused);
        var saga = await ((IOrchestrationStore)host.Store).LoadSagaAsync(id);
        Assert.Equal("Paused", saga!.State);
        Assert.StartsWith($"paused: trainer {FlakyTrainer.Kind} failing: ", saga.PauseReason, StringComparison.Ordinal);
        Assert.Contains("CUDA device unavailable", saga.PauseReason, StringComparison.Ordinal);
        Assert.Contains(host.Harness.Published.Select<StudyProgressed>(), m => m.Context.Message.Warning == saga.PauseReason);
        // Paused: the three trials in flight when the pool broke, and no new ones.
        Assert.Equal(3, (await host.Store.LoadTrialsAsync(id)).Count);

        probe.Outage = false;
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal((StudyOutcome.Completed, 6, 0), (completed.Outcome, completed.Completed, completed.Failed));
        var trials = await host.Store.LoadTrialsAsync(id);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        // Trials that ran into the broken pool kept their attempts: they were excused, not failed.
        Assert.Contains(trials, t => t.Attempt > 2 || t.Attributes.ContainsKey("policy.poolFailures"));
    }

    [Fact]
    public async Task A_study_paused_by_its_pool_can_be_cancelled()
    {
        var probe = new TrainerProbe { Outage = true };
        await using var host = await HostHarness.StartAsync(_store.Path, probe: probe);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(Spec("cancel-paused"), id);
        await WaitForStatusAsync(host, id, StudyStatus.Paused);

        await host.Harness.Bus.Publish(new CancelStudy(id, "giving up on the GPU"));
        var ended = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(StudyOutcome.Cancelled, ended.Outcome);
        Assert.Equal(StudyStatus.Cancelled, (await host.Store.GetStudyAsync(id))!.Status);
    }

    [Fact]
    public async Task A_study_paused_by_hand_on_the_same_pool_stays_paused_when_the_pool_recovers()
    {
        var probe = new TrainerProbe { Outage = true };
        await using var host = await HostHarness.StartAsync(_store.Path, probe: probe);
        var byHand = Guid.NewGuid();
        // One trial at a time and a long backoff: it fails once, too few to break the pool by itself.
        await host.SubmitAsync(Spec("by-hand").Replace("parallelism: 3", "parallelism: 1", StringComparison.Ordinal)
            .Replace("delaySeconds: 0.2", "delaySeconds: 60", StringComparison.Ordinal), byHand);
        await host.WaitForTrialsAsync(byHand, 1);
        await host.Harness.Bus.Publish(new PauseStudy(byHand, "maintenance window"));
        await WaitForStatusAsync(host, byHand, StudyStatus.Paused);
        Assert.Equal("maintenance window", (await ((IOrchestrationStore)host.Store).LoadSagaAsync(byHand))!.PauseReason);
        var broken = Guid.NewGuid();
        var events = host.Follow(broken);
        await host.SubmitAsync(Spec("broken"), broken);
        await WaitForStatusAsync(host, broken, StudyStatus.Paused);

        probe.Outage = false;
        var completed = await HostHarness.WaitForEndAsync(broken, events);

        Assert.Equal((6, 0), (completed.Completed, completed.Failed));
        var saga = await ((IOrchestrationStore)host.Store).LoadSagaAsync(byHand);
        Assert.Equal(("Paused", "maintenance window"), (saga!.State, saga.PauseReason));
    }

    public void Dispose() => _store.Dispose();

    private static async Task WaitForStatusAsync(HostHarness host, Guid id, StudyStatus status)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await host.Store.GetStudyAsync(id))?.Status == status)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"the study never became {status}");
    }
}
