using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// The trainer pool's rate limit through the saga on a fake host clock: two studies on one trainer kind share its rate,
/// requests beyond it wait as stored attempts with their slot as due time, and every one goes out, none before its slot.
/// </summary>
public sealed class When_a_trainer_pool_is_rate_limited : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task Requests_of_two_studies_are_spread_one_interval_apart_as_the_stored_times_show()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await HostHarness.StartAsync(_store.Path, configure: OnClock(time));
        var studies = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in studies)
        {
            await host.SubmitAsync(Study, id);
            // Admitted one after the other, so the second study's requests queue behind the first's.
            await host.WaitForTrialsAsync(id, 4);
        }

        // The clock has not moved: only the first study's first trial has its permit; the seven others wait for slots.
        await Poll.UntilAsync(() => host.Harness.Sent.Select<TrialRequested>().Any());
        Assert.Single(host.Harness.Sent.Select<TrialRequested>());
        for (var step = 0; step < 16 && host.Harness.Sent.Select<TrialRequested>().Count() < 8; step++)
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            await Task.Delay(40);
        }

        await Poll.UntilAsync(() => host.Harness.Sent.Select<TrialRequested>().Count() >= 8);
        var stored = new List<ScheduledAttempt>();
        foreach (var id in studies)
        {
            stored.AddRange(await ((IOrchestrationStore)host.Store).LoadScheduledAttemptsAsync(id));
        }

        var due = stored.Select(s => s.DueAt).Order().ToList();
        Assert.Equal(8, due.Count);
        // 2 trials per second: 8 requests over 3.5 s, one every 0.5 s, whichever study they belong to.
        Assert.All(due.Zip(due.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(0.5), pair.Second - pair.First));
        Assert.All(stored, s => Assert.True(s.RequestedAt >= s.DueAt, $"attempt requested at {s.RequestedAt:O}, before its slot at {s.DueAt:O}"));
        Assert.Equal(8, host.Harness.Sent.Select<TrialRequested>().Select(m => m.Context.Message.TrialId).Distinct().Count());
    }

    [Fact]
    public async Task Requests_held_by_the_rate_are_stored_and_all_go_out_after_a_host_restart()
    {
        var start = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        IReadOnlyList<ScheduledAttempt> before;
        await using (var first = await HostHarness.StartAsync(_store.Path, configure: OnClock(new FakeTimeProvider(start))))
        {
            await first.SubmitAsync(Study.Replace("trialsPerSecond: 2", "trialsPerSecond: 1", StringComparison.Ordinal), id);
            await first.WaitForTrialsAsync(id, 4);
            before = await ((IOrchestrationStore)first.Store).LoadScheduledAttemptsAsync(id);
        }

        Assert.Equal(3, before.Count(s => s.RequestedAt is null));
        // Restarted after the first host's lease ran out and every slot passed: the held attempts are still there.
        var restartedAt = start.AddSeconds(20);
        var time = new FakeTimeProvider(restartedAt);
        await using var second = await HostHarness.StartAsync(_store.Path, configure: OnClock(time));
        // An in-process host adopts a study at its first message (a broker-backed one at start): here, one held attempt's due.
        var firstHeld = before.First(s => s.RequestedAt is null);
        await second.Harness.Bus.Publish(new AttemptDue(id, firstHeld.TrialId, firstHeld.Attempt));
        for (var step = 0; step < 24 && second.Harness.Sent.Select<TrialRequested>().Count() < 3; step++)
        {
            time.Advance(TimeSpan.FromSeconds(0.25));
            await Task.Delay(40);
        }

        await Poll.UntilAsync(() => second.Harness.Sent.Select<TrialRequested>().Count() >= 3);
        var held = before.Where(s => s.RequestedAt is null).Select(s => s.TrialId).Order().ToList();
        Assert.Equal(held, second.Harness.Sent.Select<TrialRequested>().Select(m => m.Context.Message.TrialId).Distinct().Order());
        var after = (await ((IOrchestrationStore)second.Store).LoadScheduledAttemptsAsync(id)).Where(s => held.Contains(s.TrialId)).ToList();
        Assert.All(after, s => Assert.True(s.RequestedAt >= restartedAt && s.RequestedAt >= s.DueAt, $"requested at {s.RequestedAt:O}, due at {s.DueAt:O}"));
        // Still one a second after the restart, the new host's limiter starting afresh.
        var requested = after.Select(s => s.DueAt).Order().ToList();
        Assert.All(requested.Zip(requested.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{pair.First:O} then {pair.Second:O}"));
    }

    public void Dispose() => _store.Dispose();

    /// <summary>The host on a fake clock: registered before the host's services, it takes the place of the system clock.</summary>
    private static Action<IServiceCollection> OnClock(TimeProvider time) => services => services.AddSingleton(time);

    private static string Study => $$"""
        study: rate-limited
        trials: 4
        parallelism: 4
        rateLimit: { trialsPerSecond: 2 }
        trainer: {{HostHarness.RemoteKind}}
        space: { x: { type: float, low: 0, high: 1 } }
        """;
}
