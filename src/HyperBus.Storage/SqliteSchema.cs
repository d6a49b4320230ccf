using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>The store's tables, created by numbered migrations that are safe to run again.</summary>
internal static class SqliteSchema
{
    /// <summary>Each entry is applied once, in order, and recorded in schema_version.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS studies (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            spec_json TEXT NOT NULL,
            direction TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            finished_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_studies_name ON studies (name, created_at);
        CREATE TABLE IF NOT EXISTS trials (
            id TEXT NOT NULL PRIMARY KEY,
            study_id TEXT NOT NULL REFERENCES studies (id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            params_json TEXT NOT NULL,
            value REAL NULL,
            metrics_json TEXT NULL,
            budget REAL NULL,
            checkpoint TEXT NULL,
            artifact TEXT NULL,
            started_at TEXT NULL,
            finished_at TEXT NULL,
            duration REAL NULL,
            UNIQUE (study_id, number));
        CREATE TABLE IF NOT EXISTS trial_attempts (
            trial_id TEXT NOT NULL REFERENCES trials (id),
            attempt INTEGER NOT NULL,
            worker_id TEXT NULL,
            started_at TEXT NULL,
            finished_at TEXT NULL,
            state TEXT NOT NULL,
            value REAL NULL,
            error TEXT NULL,
            PRIMARY KEY (trial_id, attempt));
        CREATE TABLE IF NOT EXISTS reports (
            trial_id TEXT NOT NULL REFERENCES trials (id),
            attempt INTEGER NOT NULL,
            step INTEGER NOT NULL,
            value REAL NULL,
            PRIMARY KEY (trial_id, attempt, step));
        CREATE TABLE IF NOT EXISTS trial_attributes (
            trial_id TEXT NOT NULL REFERENCES trials (id),
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (trial_id, key));
        """,
        // Multi-objective values and constraint values as JSON arrays (issue 10); NULL for older trials.
        """
        ALTER TABLE trials ADD COLUMN values_json TEXT NULL;
        ALTER TABLE trials ADD COLUMN constraints_json TEXT NULL;
        """,
        // The durable saga (issue 14): saga state with an optimistic version, the transactional outbox, one
        // owner per study, and counts of messages dropped as late, duplicate or stale.
        """
        CREATE TABLE IF NOT EXISTS study_sagas (
            study_id TEXT NOT NULL PRIMARY KEY REFERENCES studies (id),
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            pause_reason TEXT NULL);
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id TEXT NOT NULL,
            message_type TEXT NOT NULL,
            destination TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS study_leases (
            study_id TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS dropped_messages (
            study_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (study_id, reason));
        INSERT INTO study_sagas (study_id, state, version) SELECT id, status, 1 FROM studies WHERE true ON CONFLICT (study_id) DO NOTHING;
        """,
        // Trial policies (issue 15): a retry waiting out its backoff keeps its due time here, and the time its request
        // was sent once it was; both NULL for attempts requested at once.
        """
        ALTER TABLE trial_attempts ADD COLUMN due_at TEXT NULL;
        ALTER TABLE trial_attempts ADD COLUMN requested_at TEXT NULL;
        """,
        // Hedging (issue 15): a hedged attempt runs beside the trial's current one; hedge_of names that attempt.
        """
        ALTER TABLE trial_attempts ADD COLUMN hedge_of INTEGER NULL;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Switches the file to WAL and brings its tables up to <see cref="CurrentVersion"/>.</summary>
    public static void Migrate(SqliteConnection connection, DateTimeOffset now)
    {
        // journal_mode cannot change inside a transaction; it is stored in the file, so this runs once per file in effect.
        Sql.Command(connection, null, "PRAGMA journal_mode = WAL;").ExecuteNonQuery();
        using var transaction = connection.BeginTransaction(deferred: false);
        Sql.Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);")
            .ExecuteNonQuery();
        var applied = Convert.ToInt32(Sql.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException($"the store {connection.DataSource} has schema version {applied}; this HyperBus knows up to {Migrations.Length}");
        }

        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            Sql.Command(connection, transaction, Migrations[version - 1]).ExecuteNonQuery();
            Sql.Command(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at);", ("@v", version), ("@at", SqliteValues.Time(now)))
                .ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
