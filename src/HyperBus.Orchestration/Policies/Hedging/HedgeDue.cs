namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// The host to itself: the trial's current attempt has run past the study's hedge delay, so the saga may send a hedged
/// attempt. Sent by <see cref="HedgeWatcher"/> on the host's own queue; the saga checks again, so a duplicate or early one changes nothing.
/// </summary>
public sealed record HedgeDue(Guid StudyId, Guid TrialId, int Attempt);
