using HyperBus.Core.Storage;

namespace HyperBus.Storage;

/// <summary>Reads the attempts the trial policy scheduled, so a restarted host picks up the waiting retries.</summary>
public sealed partial class SqliteStudyStore
{
    public Task<IReadOnlyList<ScheduledAttempt>> LoadScheduledAttemptsAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ScheduledAttempt>>(c =>
        {
            using var reader = Sql.Command(c, null, """
                SELECT a.trial_id, a.attempt, a.due_at, a.requested_at FROM trial_attempts a JOIN trials t ON t.id = a.trial_id
                WHERE t.study_id = @study AND a.due_at IS NOT NULL ORDER BY t.number, a.attempt;
                """, ("@study", SqliteValues.Id(studyId))).ExecuteReader();
            var attempts = new List<ScheduledAttempt>();
            while (reader.Read())
            {
                attempts.Add(new ScheduledAttempt(reader.GetId(0), reader.GetInt32(1), reader.GetTime(2), reader.GetTimeOrNull(3)));
            }

            return attempts;
        }, cancellationToken);
}
