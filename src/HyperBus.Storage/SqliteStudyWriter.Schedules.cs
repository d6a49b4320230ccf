namespace HyperBus.Storage;

/// <summary>The writes of attempts the trial policy puts off (a retry's backoff): their due time and when their request left.</summary>
internal sealed partial class SqliteStudyWriter
{
    public bool ScheduleAttempt(Guid trialId, int attempt, DateTimeOffset dueAt) => Run("""
        UPDATE trial_attempts SET due_at = @due
        WHERE trial_id = @id AND attempt = @attempt AND state = 'Running' AND requested_at IS NULL;
        """,
        ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@due", SqliteValues.Time(dueAt))) > 0;

    public bool MarkScheduledAttemptRequested(Guid trialId, int attempt, DateTimeOffset at) => Run("""
        UPDATE trial_attempts SET requested_at = @at
        WHERE trial_id = @id AND attempt = @attempt AND due_at IS NOT NULL AND requested_at IS NULL;
        """,
        ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@at", SqliteValues.Time(at))) > 0;
}
