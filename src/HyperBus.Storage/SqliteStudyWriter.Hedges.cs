namespace HyperBus.Storage;

/// <summary>
/// The writes of hedged attempts: a second attempt of a running trial, stored beside its current one (hedge_of) so a
/// restarted host knows both; each is guarded by the attempts' states, so a duplicate message changes nothing.
/// </summary>
internal sealed partial class SqliteStudyWriter
{
    public bool StartHedge(Guid trialId, int primary, int hedge, DateTimeOffset at) => Run("""
        INSERT INTO trial_attempts (trial_id, attempt, state, hedge_of, requested_at)
        SELECT @id, @hedge, 'Running', @primary, @at
        WHERE EXISTS (SELECT 1 FROM trials WHERE id = @id AND attempt = @primary AND state = 'Running')
        ON CONFLICT (trial_id, attempt) DO NOTHING;
        """,
        ("@id", SqliteValues.Id(trialId)), ("@primary", primary), ("@hedge", hedge), ("@at", SqliteValues.Time(at))) > 0;

    public bool MarkHedgeStarted(Guid trialId, int hedge, string workerId, DateTimeOffset at) => Run("""
        UPDATE trial_attempts SET worker_id = @worker, started_at = @at
        WHERE trial_id = @id AND attempt = @hedge AND hedge_of IS NOT NULL AND state = 'Running';
        """,
        ("@id", SqliteValues.Id(trialId)), ("@hedge", hedge), ("@worker", workerId), ("@at", SqliteValues.Time(at))) > 0;

    public bool EndAttempt(Guid trialId, int attempt, string state, string? error, DateTimeOffset at) => Run("""
        UPDATE trial_attempts SET state = @state, error = @error, finished_at = @at
        WHERE trial_id = @id AND attempt = @attempt AND state = 'Running';
        """,
        ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@state", state), ("@error", error), ("@at", SqliteValues.Time(at))) > 0;

    public bool PromoteHedge(Guid trialId, int primary, int hedge) => Run("""
        UPDATE trials SET attempt = @hedge,
            started_at = (SELECT started_at FROM trial_attempts WHERE trial_id = @id AND attempt = @hedge)
        WHERE id = @id AND attempt = @primary AND state = 'Running'
            AND EXISTS (SELECT 1 FROM trial_attempts WHERE trial_id = @id AND attempt = @hedge AND hedge_of = @primary);
        """,
        ("@id", SqliteValues.Id(trialId)), ("@primary", primary), ("@hedge", hedge)) > 0;
}
