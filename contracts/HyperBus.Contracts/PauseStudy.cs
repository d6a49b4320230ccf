namespace HyperBus.Contracts;

/// <summary>Command: stop starting new trials of a study; trials in flight finish and are recorded.</summary>
public sealed record PauseStudy(Guid StudyId, string? Reason);
