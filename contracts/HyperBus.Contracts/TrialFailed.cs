namespace HyperBus.Contracts;

/// <summary>Event: a trial attempt failed.</summary>
/// <param name="Retryable">False when another attempt cannot help (bad parameters, unknown trainer).</param>
public sealed record TrialFailed(Guid StudyId, Guid TrialId, int Attempt, string Error, bool Retryable, string WorkerId);
