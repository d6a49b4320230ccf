namespace HyperBus.Contracts;

/// <summary>Command: stop requesting trials for a study; trials in flight are left to finish or time out.</summary>
public sealed record CancelStudy(Guid StudyId, string? Reason);
