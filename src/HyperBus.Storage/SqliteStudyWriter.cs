using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>
/// The store's writes on one open transaction: the single home of their SQL, used by each
/// <see cref="SqliteStudyStore"/> write method and by a commit that bundles several. Every conditional write is
/// one UPDATE guarded by the trial's attempt and state, so concurrent writers cannot both win.
/// </summary>
internal sealed partial class SqliteStudyWriter(SqliteConnection connection, SqliteTransaction transaction) : IStudyWriter
{
    public bool CreateStudy(StudyRecord study) => Run($"""
        INSERT INTO studies ({SqliteRows.StudyColumns}) VALUES (@id, @name, @spec, @direction, @status, @created, @finished)
        ON CONFLICT (id) DO NOTHING;
        """,
        ("@id", SqliteValues.Id(study.Id)), ("@name", study.Name), ("@spec", study.SpecJson), ("@direction", study.Direction.ToString()),
        ("@status", study.Status.ToString()), ("@created", SqliteValues.Time(study.CreatedAt)), ("@finished", SqliteValues.Time(study.FinishedAt))) > 0;

    public bool SetStudyStatus(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt) =>
        Run("UPDATE studies SET status = @status, finished_at = @finished WHERE id = @id;",
            ("@id", SqliteValues.Id(studyId)), ("@status", status.ToString()), ("@finished", SqliteValues.Time(finishedAt))) > 0;

    public bool CreateTrial(Guid studyId, Trial trial)
    {
        var id = SqliteValues.Id(trial.Id);
        var created = Run("""
            INSERT INTO trials (id, study_id, number, state, attempt, params_json, budget)
            VALUES (@id, @study, @number, 'Running', 1, @params, @budget)
            ON CONFLICT (id) DO NOTHING;
            """,
            ("@id", id), ("@study", SqliteValues.Id(studyId)), ("@number", trial.Number),
            ("@params", ParameterJson.Write(trial.Params)), ("@budget", trial.Budget)) > 0;
        if (!created)
        {
            return false;
        }

        Run("INSERT INTO trial_attempts (trial_id, attempt, state) VALUES (@id, 1, 'Running');", ("@id", id));
        foreach (var (key, value) in trial.Attributes)
        {
            Run("INSERT INTO trial_attributes (trial_id, key, value) VALUES (@id, @key, @value);", ("@id", id), ("@key", key), ("@value", value));
        }

        return true;
    }

    public bool MarkStarted(Guid trialId, int attempt, string workerId, DateTimeOffset at)
    {
        (string, object?)[] args = [("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@worker", workerId), ("@at", SqliteValues.Time(at))];
        if (Run("UPDATE trials SET started_at = @at WHERE id = @id AND attempt = @attempt AND state = 'Running';", args) == 0)
        {
            return false;
        }

        Run("UPDATE trial_attempts SET worker_id = @worker, started_at = @at WHERE trial_id = @id AND attempt = @attempt;", args);
        return true;
    }

    public bool AppendReport(Guid trialId, int attempt, TrialReport report) => Run("""
        INSERT INTO reports (trial_id, attempt, step, value)
        SELECT @id, @attempt, @step, @value
        WHERE EXISTS (SELECT 1 FROM trials WHERE id = @id AND attempt = @attempt AND state = 'Running')
        ON CONFLICT (trial_id, attempt, step) DO NOTHING;
        """,
        ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@step", report.Step),
        ("@value", double.IsNaN(report.Value) ? null : report.Value)) > 0;

    public bool RetryTrial(Guid trialId, int failedAttempt, string error, DateTimeOffset at)
    {
        (string, object?)[] args = [("@id", SqliteValues.Id(trialId)), ("@attempt", failedAttempt), ("@error", error), ("@at", SqliteValues.Time(at))];
        var moved = Run("""
            UPDATE trials SET attempt = attempt + 1, started_at = NULL
            WHERE id = @id AND attempt = @attempt AND state = 'Running';
            """, args) > 0;
        if (!moved)
        {
            return false;
        }

        Run("""
            UPDATE trial_attempts SET state = 'Failed', error = @error, finished_at = @at WHERE trial_id = @id AND attempt = @attempt;
            INSERT INTO trial_attempts (trial_id, attempt, state) VALUES (@id, @attempt + 1, 'Running') ON CONFLICT (trial_id, attempt) DO NOTHING;
            """, args);
        return true;
    }

    public bool FinishTrial(Guid trialId, int attempt, TrialOutcome outcome)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException("a trial is finished as Completed, Pruned or Failed, not Running", nameof(outcome));
        }

        (string, object?)[] args =
        [
            ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@state", outcome.State.ToString()), ("@value", SqliteValues.Finite(outcome.Value)),
            ("@metrics", SqliteValues.Metrics(outcome.Metrics)), ("@checkpoint", outcome.Checkpoint), ("@artifact", outcome.Artifact),
            ("@at", SqliteValues.Time(outcome.FinishedAt)), ("@duration", SqliteValues.Finite(outcome.DurationSeconds)), ("@error", outcome.Error),
            ("@worker", outcome.WorkerId), ("@values", SqliteValues.Doubles(outcome.Values)), ("@constraints", SqliteValues.Doubles(outcome.Constraints)),
            ("@params", outcome.Params is null ? null : ParameterJson.Write(outcome.Params)),
            // A quick trial's worker sends no TrialStarted: its start is the finish less the duration it measured.
            ("@started", double.IsFinite(outcome.DurationSeconds) && outcome.DurationSeconds >= 0 ? SqliteValues.Time(outcome.FinishedAt.AddSeconds(-outcome.DurationSeconds)) : null),
        ];
        var finished = Run("""
            UPDATE trials SET state = @state, value = @value, metrics_json = @metrics, checkpoint = COALESCE(@checkpoint, checkpoint),
                artifact = COALESCE(@artifact, artifact), finished_at = @at, duration = @duration, values_json = @values, constraints_json = @constraints,
                params_json = COALESCE(@params, params_json), started_at = COALESCE(started_at, @started)
            WHERE id = @id AND attempt = @attempt AND state = 'Running';
            """, args) > 0;
        if (!finished)
        {
            return false;
        }

        Run("""
            UPDATE trial_attempts SET state = @state, value = @value, error = @error, finished_at = @at, worker_id = COALESCE(worker_id, @worker),
                started_at = COALESCE(started_at, @started)
            WHERE trial_id = @id AND attempt = @attempt;
            """, args);
        return true;
    }

    /// <summary>Sets or replaces the attribute; does nothing for an unknown trial.</summary>
    public bool SetTrialAttribute(Guid trialId, string key, string value) => Run("""
        INSERT INTO trial_attributes (trial_id, key, value)
        SELECT @id, @key, @value WHERE EXISTS (SELECT 1 FROM trials WHERE id = @id)
        ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value;
        """,
        ("@id", SqliteValues.Id(trialId)), ("@key", key), ("@value", value)) > 0;

    /// <summary>Saves the saga if its stored version is still the one it was loaded at (0: not stored yet).</summary>
    public void SaveSaga(StudySaga saga)
    {
        (string, object?)[] args = [("@id", SqliteValues.Id(saga.StudyId)), ("@state", saga.State), ("@version", saga.Version), ("@reason", saga.PauseReason)];
        var saved = saga.Version == 0
            ? Run("INSERT INTO study_sagas (study_id, state, version, pause_reason) VALUES (@id, @state, 1, @reason) ON CONFLICT (study_id) DO NOTHING;", args)
            : Run("UPDATE study_sagas SET state = @state, version = version + 1, pause_reason = @reason WHERE study_id = @id AND version = @version;", args);
        if (saved == 0)
        {
            throw new StaleSagaException($"study {saga.StudyId} was saved by another host since version {saga.Version}");
        }
    }

    public long AddOutbox(OutboxMessage message, DateTimeOffset now) => Convert.ToInt64(Sql.Command(connection, transaction, """
        INSERT INTO outbox (study_id, message_type, destination, body, created_at) VALUES (@study, @type, @destination, @body, @at)
        RETURNING id;
        """,
        ("@study", SqliteValues.Id(message.StudyId)), ("@type", message.MessageType), ("@destination", message.Destination),
        ("@body", message.Body), ("@at", SqliteValues.Time(now))).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    public void DeleteOutbox(IReadOnlyCollection<long> ids)
    {
        // One prepared statement run per row: an IN list would be a new statement text (and a new compile) per batch.
        foreach (var id in ids)
        {
            Run("DELETE FROM outbox WHERE id = @id;", ("@id", id));
        }
    }

    public void CountDrops(Guid studyId, string reason, int count) => Run("""
        INSERT INTO dropped_messages (study_id, reason, count) VALUES (@id, @reason, @count)
        ON CONFLICT (study_id, reason) DO UPDATE SET count = count + excluded.count;
        """, ("@id", SqliteValues.Id(studyId)), ("@reason", reason), ("@count", count));

    private int Run(string sql, params ReadOnlySpan<(string, object?)> args) => Sql.Command(connection, transaction, sql, args).ExecuteNonQuery();
}
