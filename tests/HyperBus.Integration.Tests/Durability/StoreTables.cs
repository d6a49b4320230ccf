using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// Reads the durability tables a host keeps in its SQLite store (leases, outbox, dropped-message counts)
/// beside the host writing them (WAL allows it).
/// </summary>
public static class StoreTables
{
    /// <summary>The study's lease, or null when no host holds one.</summary>
    public static async Task<StudyLease?> ReadLeaseAsync(string storage, Guid studyId)
    {
        await using var connection = await OpenAsync(storage);
        await using var command = Command(connection, "SELECT owner, expires_at FROM study_leases WHERE study_id = @study COLLATE NOCASE;", studyId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var expires = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new StudyLease(studyId, reader.GetString(0), expires);
    }

    /// <summary>Waits until some host holds the study's lease.</summary>
    public static async Task<StudyLease> WaitForOwnerAsync(string storage, Guid studyId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await ReadLeaseAsync(storage, studyId) is { } lease)
            {
                return lease;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no host took the lease of study {studyId} within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Messages of the study stored in the outbox and not yet relayed (a relayed row is deleted), waiting
    /// up to <paramref name="settle"/> for the relay to catch up with the last commit.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnsentAsync(string storage, Guid studyId, TimeSpan settle)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var unsent = new List<string>();
            await using (var connection = await OpenAsync(storage))
            {
                await using var command = Command(connection, "SELECT message_type FROM outbox WHERE study_id = @study COLLATE NOCASE ORDER BY id;", studyId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    unsent.Add(reader.GetString(0));
                }
            }

            if (unsent.Count == 0 || clock.Elapsed > settle)
            {
                return unsent;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>How many of the study's messages the host dropped (late, duplicate, stale), by reason.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> DroppedAsync(string storage, Guid studyId)
    {
        var dropped = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(storage);
        await using var command = Command(connection, "SELECT reason, count FROM dropped_messages WHERE study_id = @study COLLATE NOCASE;", studyId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            dropped[reader.GetString(0)] = reader.GetInt64(1);
        }

        return dropped;
    }

    private static async Task<SqliteConnection> OpenAsync(string storage)
    {
        // No pooling: a pooled connection would keep the file open after the test deletes its folder.
        var builder = new SqliteConnectionStringBuilder { DataSource = storage, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 };
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, Guid studyId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@study", studyId.ToString("D"));
        return command;
    }
}
