using HyperBus.Core.Storage;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>The host's side of the store: one-transaction commits with saga state and outbox, leases and drop counts.</summary>
public sealed partial class SqliteStudyStore
{
    public Task<IReadOnlyList<OutboxMessage>> CommitAsync(StudyCommit commit, CancellationToken cancellationToken = default)
    {
        if (commit.IsEmpty)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>([]);
        }

        return InTransactionAsync<IReadOnlyList<OutboxMessage>>((c, t) =>
        {
            var writer = new SqliteStudyWriter(c, t);
            foreach (var write in commit.Writes)
            {
                write(writer);
            }

            if (commit.Saga is { } saga)
            {
                writer.SaveSaga(saga);
            }

            foreach (var ((studyId, reason), count) in commit.Drops)
            {
                writer.CountDrops(studyId, reason, count);
            }

            if (commit.Relayed.Count > 0)
            {
                writer.DeleteOutbox(commit.Relayed);
            }

            var now = _time.GetUtcNow();
            return [.. commit.Outbox.Select(m => m with { Id = writer.AddOutbox(m, now), CommittedAt = now })];
        }, cancellationToken);
    }

    public Task<StudySaga?> LoadSagaAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync(c =>
        {
            using var reader = Sql.Command(c, null, "SELECT state, version, pause_reason FROM study_sagas WHERE study_id = @id;", ("@id", SqliteValues.Id(studyId)))
                .ExecuteReader();
            return reader.Read() ? new StudySaga(studyId, reader.GetString(0), reader.GetInt32(1), reader.GetStringOrNull(2)) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> LoadOutboxAsync(int max, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<OutboxMessage>>(c =>
        {
            using var reader = Sql.Command(c, null, "SELECT id, study_id, message_type, destination, body, created_at FROM outbox ORDER BY id LIMIT @max;", ("@max", max))
                .ExecuteReader();
            var messages = new List<OutboxMessage>();
            while (reader.Read())
            {
                messages.Add(new OutboxMessage(reader.GetId(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)) { Id = reader.GetInt64(0), CommittedAt = reader.GetTime(5) });
            }

            return messages;
        }, cancellationToken);

    public Task DeleteOutboxAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ids.Count == 0 ? Task.CompletedTask : InTransactionAsync((c, t) =>
        {
            new SqliteStudyWriter(c, t).DeleteOutbox(ids);
            return true;
        }, cancellationToken);

    public Task<StudyLease> AcquireLeaseAsync(Guid studyId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, t) =>
        {
            Sql.Command(c, t, """
                INSERT INTO study_leases (study_id, owner, expires_at) VALUES (@id, @owner, @expires)
                ON CONFLICT (study_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE study_leases.owner = excluded.owner OR study_leases.expires_at <= @now;
                """,
                ("@id", SqliteValues.Id(studyId)), ("@owner", owner), ("@expires", SqliteValues.Time(now + duration)), ("@now", SqliteValues.Time(now)))
                .ExecuteNonQuery();
            return ReadLease(c, t, studyId)!;
        }, cancellationToken);

    public Task<IReadOnlyCollection<Guid>> RenewLeasesAsync(string owner, IReadOnlyCollection<Guid> studyIds, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyCollection<Guid>>((c, t) =>
        {
            var renewed = new List<Guid>();
            foreach (var id in studyIds)
            {
                // Only a lease still held: one that expired may already be another host's.
                var changed = Sql.Command(c, t, "UPDATE study_leases SET expires_at = @expires WHERE study_id = @id AND owner = @owner AND expires_at > @now;",
                    ("@id", SqliteValues.Id(id)), ("@owner", owner), ("@expires", SqliteValues.Time(now + duration)), ("@now", SqliteValues.Time(now)))
                    .ExecuteNonQuery();
                if (changed > 0)
                {
                    renewed.Add(id);
                }
            }

            return renewed;
        }, cancellationToken);

    public Task ReleaseLeaseAsync(Guid studyId, string owner, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, t) => Sql.Command(c, t, "DELETE FROM study_leases WHERE study_id = @id AND owner = @owner;",
            ("@id", SqliteValues.Id(studyId)), ("@owner", owner)).ExecuteNonQuery(), cancellationToken);

    public Task<StudyLease?> GetLeaseAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync(c => ReadLease(c, null, studyId), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> LoadDropCountsAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, long>>(c =>
        {
            using var reader = Sql.Command(c, null, "SELECT reason, count FROM dropped_messages WHERE study_id = @id ORDER BY reason;", ("@id", SqliteValues.Id(studyId)))
                .ExecuteReader();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }, cancellationToken);

    private static StudyLease? ReadLease(SqliteConnection connection, SqliteTransaction? transaction, Guid studyId)
    {
        using var reader = Sql.Command(connection, transaction, "SELECT owner, expires_at FROM study_leases WHERE study_id = @id;", ("@id", SqliteValues.Id(studyId)))
            .ExecuteReader();
        return reader.Read() ? new StudyLease(studyId, reader.GetString(0), reader.GetTime(1)) : null;
    }
}
