namespace HyperBus.Core.Storage;

/// <summary>Who may act on a study until when. A host acts on a study only while it holds the study's lease.</summary>
public sealed record StudyLease(Guid StudyId, string Owner, DateTimeOffset ExpiresAt)
{
    public bool IsHeldBy(string owner, DateTimeOffset now) => Owner == owner && ExpiresAt > now;
}
