using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>Reads the leases a host keeps in its SQLite store, beside the host writing them (WAL allows it).</summary>
public static class LeaseTable
{
    /// <summary>The study's lease, or null when no host holds (or ever held) one.</summary>
    public static async Task<StudyLease?> ReadAsync(string storage, Guid studyId)
    {
        // No pooling: a pooled connection would keep the file open after the test deletes its folder.
        var builder = new SqliteConnectionStringBuilder { DataSource = storage, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, expires_at FROM study_leases WHERE study_id = @study COLLATE NOCASE;";
        command.Parameters.AddWithValue("@study", studyId.ToString("D"));
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
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await ReadAsync(storage, studyId) is { } lease)
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
}
