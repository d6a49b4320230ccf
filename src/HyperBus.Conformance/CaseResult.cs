namespace HyperBus.Conformance;

/// <summary>How one conformance case went: passed, or the first broken promise.</summary>
public sealed record CaseResult(string Name, string Promise, bool Passed, string? Detail, double Seconds);
