using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// The trainer pool's broken state across a host restart: the studies it paused are stored as Paused with its reason;
/// the restarted host counts the pool as broken again, sends one probe after the break, and its success resumes every
/// study the pool paused, also one with nothing left waiting or in flight, instead of leaving it paused for ever.
/// </summary>
public sealed class When_a_host_restarts_with_a_broken_trainer_pool : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task One_probe_after_the_break_resumes_every_study_the_pool_paused()
    {
        var broke = Guid.NewGuid();
        var idle = Guid.NewGuid();
        IReadOnlyList<Trial> brokeTrials;
        await using (var first = await HostHarness.StartAsync(_store.Path))
        {
            await first.SubmitAsync(Spec("idle", trials: 1), idle);
            var idleTrial = (await first.WaitForTrialsAsync(idle, 1))[0];
            await first.SubmitAsync(Spec("broke", trials: 6), broke);
            brokeTrials = await first.WaitForTrialsAsync(broke, 3);
            foreach (var trial in brokeTrials.Take(3))
            {
                await first.Harness.Bus.Publish(new TrialFailed(broke, trial.Id, 1, "CUDA error: device unavailable", Retryable: true, "test-worker"));
            }

            await WaitForStateAsync(first.Store, broke, "Paused");
            await WaitForStateAsync(first.Store, idle, "Paused");
            // The idle study's one trial finishes during the pause: it has nothing in flight and nothing waiting.
            await first.CompleteAsync(idle, idleTrial.Id, 1, 0.5);
            await Poll.ForAsync(async () => (await first.Store.LoadTrialsAsync(idle)) is [{ State: TrialState.Completed }] ? new object() : null);
            // The broken study's failed attempts wait for the pool's probe.
            Assert.Equal(3, (await ((IOrchestrationStore)first.Store).LoadScheduledAttemptsAsync(broke)).Count(s => s.RequestedAt is null));
        }

        await using var second = await HostHarness.StartAsync(_store.Path);
        // An in-process host adopts a study at its first message (a broker-backed one at start, both at once).
        await second.Harness.Bus.Publish(new AttemptDue(idle, Guid.NewGuid(), 1));
        await second.Harness.Bus.Publish(new AttemptDue(broke, Guid.NewGuid(), 1));

        // The pool counts as broken again: after its break exactly one held attempt goes, as the probe.
        var probe = await Poll.ForAsync(() => Task.FromResult(second.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.StudyId == broke).Select(m => m.Context.Message).FirstOrDefault()));
        Assert.Equal(2, probe.Attempt);
        Assert.Single(second.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.StudyId == broke));

        await second.CompleteAsync(broke, probe.TrialId, probe.Attempt, 0.25);
        await WaitForStateAsync(second.Store, broke, "Running");
        // Resumed too, the idle study has nothing left to run: its one trial is done, so it completes.
        await WaitForStateAsync(second.Store, idle, "Completed");
        Assert.Null((await ((IOrchestrationStore)second.Store).LoadSagaAsync(idle))!.PauseReason);
    }

    public void Dispose() => _store.Dispose();

    private static string Spec(string name, int trials) => $$"""
        study: {{name}}
        trials: {{trials}}
        parallelism: 3
        retry: { maxAttempts: 2, delaySeconds: 0.2, jitter: false }
        circuitBreaker: { minimumThroughput: 3, breakSeconds: 1 }
        trainer: {{HostHarness.RemoteKind}}
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    private static Task WaitForStateAsync(IStudyStore store, Guid id, string state) =>
        Poll.ForAsync(async () => await ((IOrchestrationStore)store).LoadSagaAsync(id) is { } saga && saga.State == state ? saga : null);
}
