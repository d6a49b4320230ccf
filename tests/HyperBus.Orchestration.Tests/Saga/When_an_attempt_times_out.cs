using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// The attempt timeout through the saga on a fake host clock: a report extends the attempt's deadline, the deadline
/// watcher fails the attempt when the extended deadline passes, and the retry policy retries it after its backoff.
/// </summary>
public sealed class When_an_attempt_times_out : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task A_report_extends_the_deadline_and_the_timed_out_attempt_is_retried_after_the_backoff()
    {
        // Starts at the wall clock's time so stored times look ordinary; from there only the test moves it.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = time.GetUtcNow();
        await using var host = await HostHarness.StartAsync(_store.Path, configure: OnClock(time));
        var id = Guid.NewGuid();
        await host.SubmitAsync($$"""
            study: timed-out
            trials: 1
            trialTimeoutSeconds: 30
            retry: { maxAttempts: 2, backoff: constant, delaySeconds: 5, jitter: false }
            trainer: {{HostHarness.RemoteKind}}
            space: { x: { type: float, low: 0, high: 1 } }
            """, id);

        var first = await WaitForRequestAsync(host, 1);
        Assert.Equal(start.AddHours(24), first.Deadline);
        await host.Harness.Bus.Publish(new TrialStarted(id, first.TrialId, 1, "test-worker", start));
        await Poll.UntilAsync(async () => (await host.Store.LoadAttemptsAsync(first.TrialId)) is [{ StartedAt: not null }]);

        await AdvanceAsync(time, 20);
        await host.Harness.Bus.Publish(new TrialReported(id, first.TrialId, 1, 1, 0.5, null, "test-worker"));
        await Poll.UntilAsync(async () => (await host.Store.LoadTrialsAsync(id)) is [{ Reports.Count: 1 }]);

        // 49 s: 29 s after the report, 49 s after the start; the original deadline (30 s) is long gone.
        await AdvanceAsync(time, 29);
        Assert.Empty(HostFailures(host));
        await AdvanceAsync(time, 2);
        var failed = await Poll.ForAsync(() => HostFailures(host).FirstOrDefault());
        Assert.Equal((first.TrialId, 1, true), (failed.TrialId, failed.Attempt, failed.Retryable));
        Assert.StartsWith("deadline exceeded", failed.Error, StringComparison.Ordinal);

        var waiting = await Poll.ForAsync(async () => await ((IOrchestrationStore)host.Store).LoadScheduledAttemptsAsync(id) is [var scheduled] ? scheduled : null);
        var attempts = await host.Store.LoadAttemptsAsync(first.TrialId);
        Assert.True(attempts[0].FinishedAt >= start.AddSeconds(50), $"attempt 1 failed at {attempts[0].FinishedAt - start} s, before the report's deadline");
        Assert.Equal(TimeSpan.FromSeconds(5), waiting.DueAt - attempts[0].FinishedAt!.Value);

        await AdvanceAsync(time, 6);
        var second = await WaitForRequestAsync(host, 2);
        Assert.Equal(first.TrialId, second.TrialId);
        var requested = (await ((IOrchestrationStore)host.Store).LoadScheduledAttemptsAsync(id)).Single();
        Assert.True(requested.RequestedAt >= requested.DueAt, $"attempt 2 was requested at {requested.RequestedAt:O}, before it was due at {requested.DueAt:O}");
    }

    public void Dispose() => _store.Dispose();

    /// <summary>The host on a fake clock: registered before the host's services, it takes the place of the system clock.</summary>
    private static Action<IServiceCollection> OnClock(TimeProvider time) => services => services.AddSingleton(time);

    private static List<TrialFailed> HostFailures(HostHarness host) =>
        [.. host.Harness.Published.Select<TrialFailed>(m => m.Context.Message.WorkerId == "host").Select(m => m.Context.Message)];

    /// <summary>Moves the fake clock a second at a time, letting the host's timers (deadlines, leases, schedules) run between steps.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    private static Task<TrialRequested> WaitForRequestAsync(HostHarness host, int attempt) =>
        Poll.ForAsync(() => host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.Attempt == attempt).Select(m => m.Context.Message).FirstOrDefault());
}
