namespace HyperBus.Core.Storage;

/// <summary>
/// What the optimizer host needs of the store beyond trials: one-transaction commits with the saga state and
/// the outbox, the relay's queue of unsent messages, study leases and the counts of dropped messages.
/// </summary>
public interface IOrchestrationStore : IStudyStore
{
    /// <summary>
    /// Applies the commit in one transaction and returns its outbox messages with their row ids. Throws
    /// <see cref="StaleSagaException"/> (and changes nothing) when the saga's version moved on.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> CommitAsync(StudyCommit commit, CancellationToken cancellationToken = default);

    Task<StudySaga?> LoadSagaAsync(Guid studyId, CancellationToken cancellationToken = default);

    /// <summary>Stored messages not yet relayed, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> LoadOutboxAsync(int max, CancellationToken cancellationToken = default);

    Task DeleteOutboxAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the study's lease for <paramref name="owner"/> when it is free, expired or already
    /// theirs; returns the lease as it stands afterwards (someone else's when it was not free).
    /// </summary>
    Task<StudyLease> AcquireLeaseAsync(Guid studyId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Renews the leases <paramref name="owner"/> still holds among <paramref name="studyIds"/>; returns those renewed.</summary>
    Task<IReadOnlyCollection<Guid>> RenewLeasesAsync(string owner, IReadOnlyCollection<Guid> studyIds, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    Task ReleaseLeaseAsync(Guid studyId, string owner, CancellationToken cancellationToken = default);

    Task<StudyLease?> GetLeaseAsync(Guid studyId, CancellationToken cancellationToken = default);

    /// <summary>How many messages about the study were dropped, by reason (late, duplicate, stale attempt, finished study).</summary>
    Task<IReadOnlyDictionary<string, long>> LoadDropCountsAsync(Guid studyId, CancellationToken cancellationToken = default);

    /// <summary>The study's attempts the trial policy scheduled for later (retries after a backoff), waiting or already requested.</summary>
    Task<IReadOnlyList<ScheduledAttempt>> LoadScheduledAttemptsAsync(Guid studyId, CancellationToken cancellationToken = default);
}
