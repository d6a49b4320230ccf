using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using Microsoft.Data.Sqlite;
using Polly;

namespace HyperBus.Storage;

/// <summary>
/// The study store in one SQLite file (WAL). Reads open a pooled connection each; writes go one at a time through one
/// write connection whose statements stay prepared (<see cref="SqliteWriteConnection"/>). Every conditional write is
/// one UPDATE guarded by the trial's attempt and state inside an immediate transaction, so concurrent writers, in
/// this process or another, cannot both win.
/// </summary>
public sealed partial class SqliteStudyStore : IOrchestrationStore, IDisposable
{
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;
    private readonly bool _readOnly;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteWriteConnection? _writer;

    public SqliteStudyStore(string path, TimeProvider? time = null)
        : this(path, time, readOnly: false, immutable: false)
    {
    }

    private SqliteStudyStore(string path, TimeProvider? time, bool readOnly, bool immutable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        time ??= TimeProvider.System;
        _time = time;
        Path = System.IO.Path.GetFullPath(path);
        _readOnly = readOnly;
        if (!readOnly)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            // immutable: a WAL file in a folder nobody may write has no -shm to share; SQLite then reads it as is.
            DataSource = immutable ? $"{new Uri(Path).AbsoluteUri}?immutable=1" : Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _retry = SqliteRetryPipeline.Create(time);
        if (readOnly)
        {
            return;
        }

        _retry.Execute(() =>
        {
            using var connection = Open();
            SqliteSchema.Migrate(connection, time.GetUtcNow());
        });
    }

    /// <summary>
    /// Opens an existing store for reading only (status, export, report), so a read-only file or folder works: no
    /// folder is created and no migration runs. A store whose schema is behind is opened for writing to migrate it.
    /// </summary>
    public static SqliteStudyStore OpenForReading(string path, TimeProvider? time = null)
    {
        try
        {
            return IsCurrent(new SqliteStudyStore(path, time, readOnly: true, immutable: false));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY)
        {
            SqliteConnection.ClearAllPools();
            return IsCurrent(new SqliteStudyStore(path, time, readOnly: true, immutable: true));
        }

        SqliteStudyStore IsCurrent(SqliteStudyStore store)
        {
            var current = store._retry.Execute(() =>
            {
                using var connection = store.Open();
                return SqliteSchemaVersion.Applied(connection) == SqliteSchema.CurrentVersion;
            });
            return current ? store : new SqliteStudyStore(path, time);
        }
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    public Task CreateStudyAsync(StudyRecord study, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.CreateStudy(study), cancellationToken);

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
        WriteAsync(w => w.SetStudyStatus(studyId, status, finishedAt), cancellationToken);

    public Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.CreateTrial(studyId, trial), cancellationToken);

    public Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.MarkStarted(trialId, attempt, workerId, at), cancellationToken);

    public Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.AppendReport(trialId, attempt, report), cancellationToken);

    public Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.RetryTrial(trialId, failedAttempt, error, at), cancellationToken);

    public Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException("a trial is finished as Completed, Pruned or Failed, not Running", nameof(outcome));
        }

        return WriteAsync(w => w.FinishTrial(trialId, attempt, outcome), cancellationToken);
    }

    /// <summary>Sets or replaces the attribute; does nothing for an unknown trial.</summary>
    public Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default) =>
        WriteAsync(w => w.SetTrialAttribute(trialId, key, value), cancellationToken);

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

    /// <summary>Closes the write connection and the pooled ones, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        // A write still running finishes first (bounded: a write waits at most busy_timeout for the file).
        var gated = _writeGate.Wait(TimeSpan.FromMilliseconds(2 * BusyTimeoutMilliseconds));
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            if (gated)
            {
                _writeGate.Release();
            }
        }

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

    private SqliteConnection Open() => Configure(new SqliteConnection(_connectionString));

    private SqliteConnection Configure(SqliteConnection connection)
    {
        connection.Open();
        if (_readOnly)
        {
            // synchronous is a writer's setting; a read-only connection only waits for writers.
            Sql.Command(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};").ExecuteNonQuery();
            return connection;
        }

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

    private Task<bool> WriteAsync(Func<SqliteStudyWriter, bool> write, CancellationToken cancellationToken) =>
        InTransactionAsync((c, t) => write(new SqliteStudyWriter(c, t)), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in an immediate transaction (the write lock is taken up front, so no deadlock on
    /// upgrade) on the write connection, again from the start when the database stayed busy. The write gate queues
    /// this process's writers without a thread each sleeping in SQLite's busy handler; another process's are still
    /// waited for by busy_timeout.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token =>
        {
            token.ThrowIfCancellationRequested();
            await _writeGate.WaitAsync(token);
            try
            {
                var connection = WriteConnection();
                try
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = work(connection, transaction);
                    transaction.Commit();
                    return result;
                }
                finally
                {
                    connection.ReleaseUnprepared();
                }
            }
            finally
            {
                _writeGate.Release();
            }
        }, cancellationToken);

    /// <summary>The write connection, opened on the first write (and again if it was closed); only under the write gate.</summary>
    private SqliteWriteConnection WriteConnection()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        _writer?.Dispose();
        _writer = null;
        var connection = new SqliteWriteConnection(_connectionString);
        try
        {
            Configure(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return _writer = connection;
    }
}
