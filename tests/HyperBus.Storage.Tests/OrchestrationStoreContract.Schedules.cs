using HyperBus.Core.Storage;

namespace HyperBus.Storage.Tests;

/// <summary>Attempts the trial policy put off: their due time is stored with the attempt, and so is the moment their request left.</summary>
public abstract partial class OrchestrationStoreContract
{
    private static readonly DateTimeOffset Failed = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_waiting_retry_keeps_its_due_time_until_its_request_is_recorded_once()
    {
        var study = Study();
        var trial = NewTrial(0);
        var due = Failed.AddSeconds(2.5);
        var setup = new StudyCommit();
        setup.Write(w => w.CreateStudy(study));
        setup.Write(w => w.CreateTrial(study.Id, trial));
        setup.Write(w => w.RetryTrial(trial.Id, 1, "crash", Failed));
        setup.Write(w => Assert.True(w.ScheduleAttempt(trial.Id, 2, due)));
        await Host.CommitAsync(setup);

        Assert.Equal([new ScheduledAttempt(trial.Id, 2, due, null)], await Host.LoadScheduledAttemptsAsync(study.Id));

        var requested = new StudyCommit();
        requested.Write(w => Assert.True(w.MarkScheduledAttemptRequested(trial.Id, 2, due.AddMilliseconds(100))));
        requested.Write(w => Assert.False(w.MarkScheduledAttemptRequested(trial.Id, 2, due.AddSeconds(9))));
        requested.Write(w => Assert.False(w.ScheduleAttempt(trial.Id, 2, due.AddSeconds(60))));
        await Host.CommitAsync(requested);

        Assert.Equal([new ScheduledAttempt(trial.Id, 2, due, due.AddMilliseconds(100))], await Host.LoadScheduledAttemptsAsync(study.Id));
    }

    [Fact]
    public async Task An_attempt_requested_at_once_is_not_a_scheduled_one()
    {
        var study = Study();
        var trial = NewTrial(0);
        var commit = new StudyCommit();
        commit.Write(w => w.CreateStudy(study));
        commit.Write(w => w.CreateTrial(study.Id, trial));
        commit.Write(w => Assert.False(w.MarkScheduledAttemptRequested(trial.Id, 1, Failed)));
        await Host.CommitAsync(commit);

        Assert.Empty(await Host.LoadScheduledAttemptsAsync(study.Id));
    }
}
