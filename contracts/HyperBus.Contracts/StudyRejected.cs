namespace HyperBus.Contracts;

/// <summary>Event: the host refused a submitted study; each error names the spec field and the problem.</summary>
public sealed record StudyRejected(Guid StudyId, IReadOnlyList<string> Errors);
