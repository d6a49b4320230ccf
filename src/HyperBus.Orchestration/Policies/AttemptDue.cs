namespace HyperBus.Orchestration.Policies;

/// <summary>
/// The host to itself: a scheduled attempt's wait is over, so the saga may request it. Sent by
/// <see cref="AttemptScheduler"/> on the host's own queue; a duplicate or late one changes nothing.
/// </summary>
public sealed record AttemptDue(Guid StudyId, Guid TrialId, int Attempt);
