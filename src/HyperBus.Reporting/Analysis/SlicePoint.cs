namespace HyperBus.Reporting.Analysis;

/// <summary>One completed trial in a slice plot: the parameter's value (its internal position: log or category index) against the objective.</summary>
public sealed record SlicePoint(int Number, double Position, double Value);
