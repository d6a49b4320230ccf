using HyperBus.Core.Storage;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage.Tests;

/// <summary>The store contract on a SQLite file in a temporary folder of its own.</summary>
public sealed class SqliteStudyStoreTests : OrchestrationStoreContract
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "hyperbus-storage-tests");

    // Initialised lazily: the base constructor opens the first store before this class's fields are set.
    private string? _folder;

    private string Folder => _folder ??= Path.Combine(Root, Guid.NewGuid().ToString("N"));

    /// <summary>A folder that does not exist yet, to show the store creates it.</summary>
    private string FilePath => Path.Combine(Folder, "nested", "studies.db");

    protected override IStudyStore OpenStore() => new SqliteStudyStore(FilePath);

    protected override void Close(IStudyStore store, bool last)
    {
        ((SqliteStudyStore)store).Dispose();
        if (last && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    protected override async Task<StoredOutcome?> ReadStoredOutcomeAsync(Guid trialId)
    {
        await using var connection = OpenRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT metrics_json, checkpoint, artifact, duration FROM trials WHERE id = @id;";
        command.Parameters.AddWithValue("@id", trialId.ToString("D"));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new StoredOutcome(
            SqliteValuesForTests.Metrics(Text(0)),
            Text(1),
            Text(2),
            reader.IsDBNull(3) ? null : reader.GetDouble(3));
    }

    [Fact]
    public void The_file_and_its_folder_are_created_in_wal_mode_with_a_schema_version()
    {
        Assert.True(File.Exists(FilePath));
        Assert.Equal(FilePath, ((SqliteStudyStore)Store).Path);
        Open();

        using var connection = OpenRaw();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        // Version 2 added the multi-objective values and constraints columns; 3 the saga, outbox, leases and drop counts.
        Assert.Equal(5L, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(5L, Scalar(connection, "SELECT MAX(version) FROM schema_version;"));
        foreach (var table in new[] { "studies", "trials", "trial_attempts", "reports", "trial_attributes", "study_sagas", "outbox", "study_leases", "dropped_messages" })
        {
            Assert.Equal(1L, Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';"));
        }
    }

    [Fact]
    public void A_file_from_a_newer_schema_is_refused()
    {
        using (var connection = OpenRaw())
        {
            Scalar(connection, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later');");
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteStudyStore(FilePath));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_waits_out_another_connections_write_lock()
    {
        var (study, trial) = await StudyWithTrialAsync();
        using var blocker = OpenRaw();
        using var transaction = blocker.BeginTransaction(deferred: false);

        var finish = Task.Run(() => Store.FinishTrialAsync(trial.Id, 1, Completed(0.5)));
        await Task.Delay(300);
        Assert.False(finish.IsCompleted);
        transaction.Commit();

        Assert.True(await finish.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0.5, (await LoadAsync(study.Id, trial.Id)).Value);
    }

    [Fact]
    public async Task A_double_parameter_stays_a_double_in_the_file()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        var trial = NewTrial(0, new Core.Space.ParameterSet([KeyValuePair.Create<string, object>("c", 2.0), KeyValuePair.Create<string, object>("n", 2L)]));
        await Store.CreateTrialAsync(study.Id, trial);

        using var connection = OpenRaw();
        Assert.Equal("""{"c":2.0,"n":2}""", Scalar(connection, "SELECT params_json FROM trials;"));
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
