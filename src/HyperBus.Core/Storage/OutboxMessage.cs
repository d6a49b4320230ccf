namespace HyperBus.Core.Storage;

/// <summary>
/// A message the host sends because of a state change, stored in the same transaction as the change and
/// relayed after the commit. <see cref="Destination"/> says how it leaves: <c>publish</c>, <c>queue:NAME</c> or
/// <c>exchange:NAME#ROUTING-KEY</c>.
/// </summary>
public sealed record OutboxMessage(Guid StudyId, string MessageType, string Destination, string Body)
{
    /// <summary>The row id once stored (0 before); the relay deletes the row by it after sending.</summary>
    public long Id { get; init; }

    /// <summary>When the transaction that stored it committed; the relay's lag is measured from it.</summary>
    public DateTimeOffset CommittedAt { get; init; }

    /// <summary>
    /// The message itself while the host that stored the row still holds it, so its relay sends it without
    /// reading <see cref="Body"/> back; null for rows loaded from the store (the sweeper decodes those).
    /// </summary>
    public object? Payload { get; init; }
}
