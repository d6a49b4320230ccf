using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>Retries through the saga: each waits its backoff in the store, is requested when due, and survives a host restart.</summary>
public sealed class When_a_retry_waits_out_its_backoff : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task Attempts_of_a_failing_trial_are_spaced_as_configured_in_the_stored_attempt_times()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: spaced
            trials: 1
            retry: { maxAttempts: 3, backoff: linear, delaySeconds: 1, jitter: false }
            trainer: {{FlakyTrainer.Kind}}
            fixed: { mode: always }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal(1, completed.Failed);
        var trial = Assert.Single(await host.Store.LoadTrialsAsync(completed.StudyId));
        var attempts = await host.Store.LoadAttemptsAsync(trial.Id);
        var schedules = await ((IOrchestrationStore)host.Store).LoadScheduledAttemptsAsync(completed.StudyId);
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([2, 3], schedules.Select(s => s.Attempt));
        for (var i = 0; i < schedules.Count; i++)
        {
            // Linear: 1 s before the second attempt, 2 s before the third, from the failure the host recorded.
            var failed = attempts[i].FinishedAt!.Value;
            Assert.Equal(TimeSpan.FromSeconds(i + 1), schedules[i].DueAt - failed);
            Assert.True(schedules[i].RequestedAt >= schedules[i].DueAt, $"attempt {schedules[i].Attempt} was requested before it was due");
            Assert.True(attempts[i + 1].FinishedAt >= schedules[i].DueAt, $"attempt {schedules[i].Attempt} failed before it was due");
            // Requested by the scheduler's next tick (250 ms); the bound only says the wait did not go on and on.
            Assert.True(schedules[i].RequestedAt - schedules[i].DueAt < TimeSpan.FromSeconds(10), $"attempt {schedules[i].Attempt} was requested long after it was due");
        }

        Assert.Equal(3, host.Probe.Runs.Count);
    }

    [Fact]
    public async Task A_host_restart_keeps_the_schedule_and_requests_the_waiting_attempt_once_when_due()
    {
        var id = Guid.NewGuid();
        Trial trial;
        ScheduledAttempt waiting;
        await using (var first = await HostHarness.StartAsync(_store.Path))
        {
            await first.SubmitAsync(RemoteStudy, id);
            trial = (await first.WaitForTrialsAsync(id, 1))[0];
            await first.Harness.Bus.Publish(new TrialFailed(id, trial.Id, 1, "worker lost its GPU", Retryable: true, "test-worker"));
            waiting = await WaitForScheduleAsync(first.Store, id);
        }

        await using var second = await HostHarness.StartAsync(_store.Path);
        Assert.True(waiting.DueAt > DateTimeOffset.UtcNow, "the retry came due before the restart; the test proves nothing");
        // An early announcement loads the study on the new host but must not cut the wait short.
        await second.Harness.Bus.Publish(new AttemptDue(id, trial.Id, 2));
        var request = await WaitForRequestAsync(second, trial.Id);
        Assert.Equal(2, request.Attempt);
        var events = second.Follow(id);
        await second.CompleteAsync(id, trial.Id, 2, 0.25);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(1, completed.Completed);
        var stored = Assert.Single(await ((IOrchestrationStore)second.Store).LoadScheduledAttemptsAsync(id));
        Assert.Equal(waiting.DueAt, stored.DueAt);
        Assert.True(stored.RequestedAt >= stored.DueAt, $"requested at {stored.RequestedAt:O}, before it was due at {stored.DueAt:O}");
        Assert.Single(second.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.TrialId == trial.Id));
    }

    public void Dispose() => _store.Dispose();

    private static string RemoteStudy => $$"""
        study: restart-backoff
        trials: 1
        retry: { maxAttempts: 2, backoff: constant, delaySeconds: 4, jitter: false }
        trainer: {{HostHarness.RemoteKind}}
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    /// <summary>Polls rather than using the harness's waits, which give up after a second without traffic; the backoff is longer.</summary>
    private static async Task<TrialRequested> WaitForRequestAsync(HostHarness host, Guid trialId)
    {
        for (var i = 0; i < 600; i++)
        {
            if (host.Harness.Sent.Select<TrialRequested>(m => m.Context.Message.TrialId == trialId).FirstOrDefault() is { } sent)
            {
                return sent.Context.Message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the waiting attempt was never requested");
    }

    private static async Task<ScheduledAttempt> WaitForScheduleAsync(IStudyStore store, Guid studyId)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await ((IOrchestrationStore)store).LoadScheduledAttemptsAsync(studyId) is [var waiting, ..])
            {
                return waiting;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the retry was never scheduled");
    }
}
