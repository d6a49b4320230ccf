using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies.Hedging;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// Hedging through the saga, on a fake host clock, with outcomes published as remote workers would: the first outcome of
/// either attempt is recorded once, the other's is dropped and counted, a failed attempt leaves the trial to the other,
/// and a restarted host knows both attempts.
/// </summary>
public sealed class When_a_straggler_is_hedged : IDisposable
{
    private readonly TempStore _store = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    /// <summary>The fake clock as the host's (deadlines, schedules, hedges); MassTransit and the harness keep the real one.</summary>
    private Action<IServiceCollection> HostClock => services => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task The_first_outcome_wins_once_and_the_losers_outcome_is_dropped()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, configure: HostClock);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(Spec(trials: 2), id);
        var hedge = await HedgeAsync(host, trials: 2);

        await host.CompleteAsync(id, hedge.TrialId, 2, 0.125);
        await WaitForTrialAsync(host, id, hedge.TrialId, t => t.IsFinished);
        await host.CompleteAsync(id, hedge.TrialId, 1, 0.875);
        await WaitForDropAsync(host, id, HedgeDropReasons.HedgeLost, 1);
        await CompleteOthersAsync(host, id, hedge.TrialId);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(2, completed.Completed);
        var trial = (await host.Store.LoadTrialsAsync(id)).Single(t => t.Id == hedge.TrialId);
        Assert.Equal((TrialState.Completed, 0.125, 2), (trial.State, trial.Value, trial.Attempt));
        Assert.Equal(HedgeKeys.Won, trial.Attributes[HedgeKeys.State]);
        Assert.Equal("2", trial.Attributes[HedgeKeys.Winner]);
        var attempts = await host.Store.LoadAttemptsAsync(trial.Id);
        Assert.Equal([(1, HedgeKeys.LostAttemptState), (2, "Completed")], attempts.Select(a => (a.Attempt, a.State)));
        // maxHedged 1: the other trial, as old, was not hedged while the race ran (and the clock stood still after).
        Assert.Single(host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == 2));
    }

    [Fact]
    public async Task A_failed_hedge_does_not_fail_the_trial()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, configure: HostClock);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(Spec(trials: 1), id);
        var hedge = await HedgeAsync(host, trials: 1);

        await host.Harness.Bus.Publish(new TrialFailed(id, hedge.TrialId, 2, "node lost", Retryable: false, "worker-b"));
        await WaitForTrialAsync(host, id, hedge.TrialId, t => t.Attributes.GetValueOrDefault(HedgeKeys.State) == HedgeKeys.Failed);
        await host.CompleteAsync(id, hedge.TrialId, 1, 0.5);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal((1, 0), (completed.Completed, completed.Failed));
        var trial = Assert.Single(await host.Store.LoadTrialsAsync(id));
        Assert.Equal((TrialState.Completed, 0.5, 1, "1"), (trial.State, trial.Value, trial.Attempt, trial.Attributes[HedgeKeys.Winner]));
        var attempts = await host.Store.LoadAttemptsAsync(trial.Id);
        Assert.Equal([(1, "Completed", null), (2, "Failed", "node lost")], attempts.Select(a => (a.Attempt, a.State, a.Error)));
        Assert.Empty(host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt > 2));
    }

    [Fact]
    public async Task When_the_current_attempt_fails_the_hedge_carries_the_trial()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, configure: HostClock);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(Spec(trials: 1), id);
        var hedge = await HedgeAsync(host, trials: 1);

        await host.Harness.Bus.Publish(new TrialFailed(id, hedge.TrialId, 1, "out of memory", Retryable: false, "worker-a"));
        await WaitForTrialAsync(host, id, hedge.TrialId, t => t.Attempt == 2);
        await host.CompleteAsync(id, hedge.TrialId, 2, 0.25);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal((1, 0), (completed.Completed, completed.Failed));
        var trial = Assert.Single(await host.Store.LoadTrialsAsync(id));
        Assert.Equal((0.25, 2, HedgeKeys.OtherFailed, "2"), (trial.Value, trial.Attempt, trial.Attributes[HedgeKeys.State], trial.Attributes[HedgeKeys.Winner]));
        var attempts = await host.Store.LoadAttemptsAsync(trial.Id);
        Assert.Equal([(1, "Failed"), (2, "Completed")], attempts.Select(a => (a.Attempt, a.State)));
    }

    [Fact]
    public async Task A_restarted_host_knows_both_attempts_and_a_duplicate_changes_nothing()
    {
        var id = Guid.NewGuid();
        TrialRequested hedge;
        await using (var first = await HostHarness.StartAsync(_store.Path, configure: HostClock))
        {
            await first.SubmitAsync(Spec(trials: 2), id);
            hedge = await HedgeAsync(first, trials: 2);
            await WaitForTrialAsync(first, id, hedge.TrialId, t => t.Attributes.ContainsKey(HedgeKeys.Attempt));
            Assert.Equal([1, 2], (await first.Store.LoadAttemptsAsync(hedge.TrialId)).Select(a => a.Attempt));
        }

        await using var second = await HostHarness.StartAsync(_store.Path, configure: HostClock);
        var events = second.Follow(id);
        // The hedge's outcome is current on the new host: it loaded the race from the store.
        await second.CompleteAsync(id, hedge.TrialId, 2, 0.125);
        await WaitForTrialAsync(second, id, hedge.TrialId, t => t.IsFinished);
        await second.CompleteAsync(id, hedge.TrialId, 2, 0.5);
        await second.CompleteAsync(id, hedge.TrialId, 1, 0.75);
        await WaitForDropAsync(second, id, HedgeDropReasons.HedgeLost, 1);
        await CompleteOthersAsync(second, id, hedge.TrialId);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(2, completed.Completed);
        var trial = (await second.Store.LoadTrialsAsync(id)).Single(t => t.Id == hedge.TrialId);
        Assert.Equal((0.125, 2, "2"), (trial.Value, trial.Attempt, trial.Attributes[HedgeKeys.Winner]));
        Assert.Equal([(1, HedgeKeys.LostAttemptState), (2, "Completed")], (await second.Store.LoadAttemptsAsync(trial.Id)).Select(a => (a.Attempt, a.State)));
        var drops = await ((IOrchestrationStore)second.Store).LoadDropCountsAsync(id);
        Assert.Equal(1, drops.GetValueOrDefault(HyperBus.Orchestration.Runtime.DropReasons.TrialFinished));
    }

    [Fact]
    public async Task Stragglers_on_slow_attempts_are_hedged_and_every_trial_is_counted_once()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, workerConcurrency: 4);
        var completed = await host.RunAsync($$"""
            study: stragglers
            trials: 20
            parallelism: 4
            hedge: { afterQuantile: 0.9, minCompleted: 5 }
            trainer: {{StragglerTrainer.Kind}}
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal((20, 0), (completed.Completed, completed.Failed));
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number).Order());
        // The stragglers past the first five completions (their quantile's minimum) lost to their hedges and were told to stop.
        var late = trials.Where(t => t.Number >= 8 && StragglerTrainer.Straggles(t.Number, 1)).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, t => Assert.Equal((HedgeKeys.Won, 2), (t.Attributes.GetValueOrDefault(HedgeKeys.State), t.Attempt)));
        // The study may end with its last race, before the loser's next report (every 0.1 s) hears stop.
        for (var i = 0; i < 200 && !late.All(t => StragglerTrainer.Stopped.ContainsKey((completed.StudyId, t.Number, 1))); i++)
        {
            await Task.Delay(25);
        }

        Assert.All(late, t => Assert.Contains((completed.StudyId, t.Number, 1), StragglerTrainer.Stopped.Keys));
    }

    [Fact]
    public async Task A_hedge_keeps_to_the_trainer_pools_rate_limit()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, configure: HostClock);
        var id = Guid.NewGuid();
        await host.SubmitAsync(Spec(trials: 1, extra: "rateLimit: { trialsPerSecond: 0.2 }"), id);
        await WaitForRequestAsync(host, r => r.Attempt == 1);

        // Due for a hedge after 0.3 s, but the pool's next request slot is 5 s after the first request.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == 2));

        // The watcher announces an unhedged straggler again 10 s on; the clock stays short of the host's 15-s lease.
        _clock.Advance(TimeSpan.FromSeconds(11));
        var hedge = await WaitForRequestAsync(host, r => r.Attempt == 2);
        var first = host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == 1).Single().Context.Message;
        Assert.Equal(first.TrialId, hedge.TrialId);
    }

    public void Dispose() => _store.Dispose();

    private static string Spec(int trials, string extra = "") => $$"""
        study: hedged
        trials: {{trials}}
        parallelism: 2
        hedge: { afterSeconds: 0.3, maxHedged: 1 }
        {{extra}}
        trainer: {{HostHarness.RemoteKind}}
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    /// <summary>
    /// Waits for the trials' first requests, then moves the host's clock past the hedge delay (0.3 s; the watcher
    /// looks every 250 ms) and waits for the hedge's request.
    /// </summary>
    private async Task<TrialRequested> HedgeAsync(HostHarness host, int trials)
    {
        for (var i = 0; i < 400 && host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == 1).Count() < trials; i++)
        {
            await Task.Delay(25);
        }

        Assert.Empty(host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == 2));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        return await WaitForRequestAsync(host, r => r.Attempt == 2);
    }

    /// <summary>Completes every other trial's current attempt, whether or not it was hedged meanwhile.</summary>
    private static async Task CompleteOthersAsync(HostHarness host, Guid studyId, Guid except)
    {
        foreach (var trial in (await host.WaitForTrialsAsync(studyId, 2)).Where(t => t.Id != except))
        {
            await host.CompleteAsync(studyId, trial.Id, trial.Attempt, 0.5);
        }
    }

    private static async Task<TrialRequested> WaitForRequestAsync(HostHarness host, Func<TrialRequested, bool> where)
    {
        for (var i = 0; i < 400; i++)
        {
            if (host.Harness.Sent.Select<TrialRequested>(m => where(m.Context.Message)).FirstOrDefault() is { } sent)
            {
                return sent.Context.Message;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("no such request was sent");
    }

    private static async Task WaitForTrialAsync(HostHarness host, Guid studyId, Guid trialId, Func<Trial, bool> where) =>
        await host.WaitForTrialsAsync(studyId, 1, t => t.Id == trialId && where(t));

    private static async Task WaitForDropAsync(HostHarness host, Guid studyId, string reason, int count)
    {
        for (var i = 0; i < 400; i++)
        {
            if ((await ((IOrchestrationStore)host.Store).LoadDropCountsAsync(studyId)).GetValueOrDefault(reason) >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no {reason} drop was counted");
    }
}
