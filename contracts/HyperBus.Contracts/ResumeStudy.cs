namespace HyperBus.Contracts;

/// <summary>Command: go on with a paused or cancelled study from where the store says it stands.</summary>
public sealed record ResumeStudy(Guid StudyId);
