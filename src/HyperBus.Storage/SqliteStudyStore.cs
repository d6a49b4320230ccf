using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using Microsoft.Data.Sqlite;
using Polly;

namespace HyperBus.Storage;

/// <summary>
/// The study store in one SQLite file (WAL). Each operation opens a pooled connection of its own, and every
/// conditional write is one UPDATE guarded by the trial's attempt and state inside an immediate transaction,
/// so concurrent writers, in this process or another, cannot both win.
/// </summary>
public sealed class SqliteStudyStore : IStudyStore, IDisposable
{
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;

    public SqliteStudyStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        time ??= TimeProvider.System;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _retry = SqliteRetryPipeline.Create(time);
        _retry.Execute(() =>
        {
            using var connection = Open();
            SqliteSchema.Migrate(connection, time.GetUtcNow());
        });
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    public Task CreateStudyAsync(StudyRecord study, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => Sql.Command(c, t, $"""
            INSERT INTO studies ({SqliteRows.StudyColumns}) VALUES (@id, @name, @spec, @direction, @status, @created, @finished)
            ON CONFLICT (id) DO NOTHING;
            """,
            ("@id", SqliteValues.Id(study.Id)), ("@name", study.Name), ("@spec", study.SpecJson), ("@direction", study.Direction.ToString()),
            ("@status", study.Status.ToString()), ("@created", SqliteValues.Time(study.CreatedAt)), ("@finished", SqliteValues.Time(study.FinishedAt)))
            .ExecuteNonQuery() > 0, cancellationToken);

    public Task<StudyRecord?> GetStudyAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync(c => ReadStudies(c, $"SELECT {SqliteRows.StudyColumns} FROM studies WHERE id = @id;", ("@id", SqliteValues.Id(studyId))).SingleOrDefault(), cancellationToken);

    public Task<StudyRecord?> FindStudyAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ReadAsync(c =>
        {
            if (Guid.TryParse(idOrName, out var id) &&
                ReadStudies(c, $"SELECT {SqliteRows.StudyColumns} FROM studies WHERE id = @id;", ("@id", SqliteValues.Id(id))).SingleOrDefault() is { } byId)
            {
                return byId;
            }

            return ReadStudies(c, $"SELECT {SqliteRows.StudyColumns} FROM studies WHERE name = @name ORDER BY created_at DESC, rowid DESC LIMIT 1;", ("@name", idOrName))
                .SingleOrDefault();
        }, cancellationToken);

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StudyRecord>>(c => ReadStudies(c, $"SELECT {SqliteRows.StudyColumns} FROM studies ORDER BY created_at, rowid;"), cancellationToken);

    public Task SetStudyStatusAsync(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => Sql.Command(c, t, "UPDATE studies SET status = @status, finished_at = @finished WHERE id = @id;",
            ("@id", SqliteValues.Id(studyId)), ("@status", status.ToString()), ("@finished", SqliteValues.Time(finishedAt))).ExecuteNonQuery() > 0, cancellationToken);

    public Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            var id = SqliteValues.Id(trial.Id);
            var created = Sql.Command(c, t, """
                INSERT INTO trials (id, study_id, number, state, attempt, params_json, budget)
                VALUES (@id, @study, @number, 'Running', 1, @params, @budget)
                ON CONFLICT (id) DO NOTHING;
                """,
                ("@id", id), ("@study", SqliteValues.Id(studyId)), ("@number", trial.Number),
                ("@params", ParameterJson.Write(trial.Params)), ("@budget", trial.Budget)).ExecuteNonQuery() > 0;
            if (!created)
            {
                return false;
            }

            Sql.Command(c, t, "INSERT INTO trial_attempts (trial_id, attempt, state) VALUES (@id, 1, 'Running');", ("@id", id)).ExecuteNonQuery();
            foreach (var (key, value) in trial.Attributes)
            {
                Sql.Command(c, t, "INSERT INTO trial_attributes (trial_id, key, value) VALUES (@id, @key, @value);", ("@id", id), ("@key", key), ("@value", value))
                    .ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);

    public Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            (string, object?)[] args = [("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@worker", workerId), ("@at", SqliteValues.Time(at))];
            if (Sql.Command(c, t, "UPDATE trials SET started_at = @at WHERE id = @id AND attempt = @attempt AND state = 'Running';", args).ExecuteNonQuery() == 0)
            {
                return false;
            }

            Sql.Command(c, t, "UPDATE trial_attempts SET worker_id = @worker, started_at = @at WHERE trial_id = @id AND attempt = @attempt;", args).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => Sql.Command(c, t, """
            INSERT INTO reports (trial_id, attempt, step, value)
            SELECT @id, @attempt, @step, @value
            WHERE EXISTS (SELECT 1 FROM trials WHERE id = @id AND attempt = @attempt AND state = 'Running')
            ON CONFLICT (trial_id, attempt, step) DO NOTHING;
            """,
            ("@id", SqliteValues.Id(trialId)), ("@attempt", attempt), ("@step", report.Step),
            ("@value", double.IsNaN(report.Value) ? null : report.Value)).ExecuteNonQuery() > 0, cancellationToken);

    public Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) =>
        {
            (string, object?)[] args = [("@id", SqliteValues.Id(trialId)), ("@attempt", failedAttempt), ("@error", error), ("@at", SqliteValues.Time(at))];
            var moved = Sql.Command(c, t, """
                UPDATE trials SET attempt = attempt + 1, started_at = NULL
                WHERE id = @id AND attempt = @attempt AND state = 'Running';
                """, args).ExecuteNonQuery() > 0;
            if (!moved)
            {
                return false;
            }

            Sql.Command(c, t, """
                UPDATE trial_attempts SET state = 'Failed', error = @error, finished_at = @at WHERE trial_id = @id AND attempt = @attempt;
                INSERT INTO trial_attempts (trial_id, attempt, state) VALUES (@id, @attempt + 1, 'Running') ON CONFLICT (trial_id, attempt) DO NOTHING;
                """, args).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException("a trial is finished as Completed, Pruned or Failed, not Running", nameof(outcome));
        }

        return WriteAsync((c, t) =>
        {
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
            var finished = Sql.Command(c, t, """
                UPDATE trials SET state = @state, value = @value, metrics_json = @metrics, checkpoint = COALESCE(@checkpoint, checkpoint),
                    artifact = COALESCE(@artifact, artifact), finished_at = @at, duration = @duration, values_json = @values, constraints_json = @constraints,
                    params_json = COALESCE(@params, params_json), started_at = COALESCE(started_at, @started)
                WHERE id = @id AND attempt = @attempt AND state = 'Running';
                """, args).ExecuteNonQuery() > 0;
            if (!finished)
            {
                return false;
            }

            Sql.Command(c, t, """
                UPDATE trial_attempts SET state = @state, value = @value, error = @error, finished_at = @at, worker_id = COALESCE(worker_id, @worker),
                    started_at = COALESCE(started_at, @started)
                WHERE trial_id = @id AND attempt = @attempt;
                """, args).ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    /// <summary>Sets or replaces the attribute; does nothing for an unknown trial.</summary>
    public Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => Sql.Command(c, t, """
            INSERT INTO trial_attributes (trial_id, key, value)
            SELECT @id, @key, @value WHERE EXISTS (SELECT 1 FROM trials WHERE id = @id)
            ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value;
            """,
            ("@id", SqliteValues.Id(trialId)), ("@key", key), ("@value", value)).ExecuteNonQuery() > 0, cancellationToken);

    public Task<IReadOnlyList<Trial>> LoadTrialsAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync(c =>
        {
            // One read transaction, so trials, reports and attributes come from the same snapshot.
            using var transaction = c.BeginTransaction(deferred: true);
            return SqliteTrialLoader.Load(c, transaction, SqliteValues.Id(studyId));
        }, cancellationToken);

    public Task<IReadOnlyList<TrialAttempt>> LoadAttemptsAsync(Guid trialId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<TrialAttempt>>(c =>
        {
            using var reader = Sql.Command(c, null, $"SELECT {SqliteRows.AttemptColumns} FROM trial_attempts WHERE trial_id = @id ORDER BY attempt;",
                ("@id", SqliteValues.Id(trialId))).ExecuteReader();
            var attempts = new List<TrialAttempt>();
            while (reader.Read())
            {
                attempts.Add(SqliteRows.Attempt(reader));
            }

            return attempts;
        }, cancellationToken);

    /// <summary>Closes the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static List<StudyRecord> ReadStudies(SqliteConnection connection, string sql, params ReadOnlySpan<(string, object?)> arguments)
    {
        using var reader = Sql.Command(connection, null, sql, arguments).ExecuteReader();
        var studies = new List<StudyRecord>();
        while (reader.Read())
        {
            studies.Add(SqliteRows.Study(reader));
        }

        return studies;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // busy_timeout is per connection: SQLite itself waits for another writer before reporting SQLITE_BUSY.
        // synchronous=NORMAL in WAL mode: a commit survives the process being killed (the fault HyperBus
        // promises to survive) without an fsync per trial; only an OS crash may lose the last commits.
        Sql.Command(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;").ExecuteNonQuery();
        return connection;
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(token =>
        {
            token.ThrowIfCancellationRequested();
            using var connection = Open();
            return ValueTask.FromResult(read(connection));
        }, cancellationToken);

    /// <summary>Runs <paramref name="write"/> in an immediate transaction (the write lock is taken up front, so no deadlock on upgrade).</summary>
    private async Task<bool> WriteAsync(Func<SqliteConnection, SqliteTransaction, bool> write, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(token =>
        {
            token.ThrowIfCancellationRequested();
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var changed = write(connection, transaction);
            transaction.Commit();
            return ValueTask.FromResult(changed);
        }, cancellationToken);
}
