namespace HyperBus.Conformance;

/// <summary>The outcome of a conformance run: every case, and whether all passed.</summary>
public sealed record ConformanceReport(string Trainer, string ContractVersion, IReadOnlyList<CaseResult> Cases)
{
    public bool Passed => Cases.Count > 0 && Cases.All(c => c.Passed);
}
