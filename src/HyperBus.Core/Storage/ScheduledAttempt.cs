namespace HyperBus.Core.Storage;

/// <summary>
/// An attempt the trial policy put off (a retry waiting out its backoff): when it is due, and when its request was
/// sent (null while it still waits). Stored, so a restarted host keeps the schedule.
/// </summary>
public sealed record ScheduledAttempt(Guid TrialId, int Attempt, DateTimeOffset DueAt, DateTimeOffset? RequestedAt);
