namespace HyperBus.Contracts;

/// <summary>Command: end a study as cancelled; its trials in flight are told to stop. A cancelled study can be resumed.</summary>
public sealed record CancelStudy(Guid StudyId, string? Reason);
