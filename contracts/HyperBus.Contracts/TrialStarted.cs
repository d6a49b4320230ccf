namespace HyperBus.Contracts;

/// <summary>Event: a worker took a trial attempt.</summary>
public sealed record TrialStarted(Guid StudyId, Guid TrialId, int Attempt, string WorkerId, DateTimeOffset StartedAt);
