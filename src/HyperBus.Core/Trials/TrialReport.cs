namespace HyperBus.Core.Trials;

/// <summary>An intermediate value a trainer reported at a step (epoch, boosting round, ...).</summary>
public sealed record TrialReport(long Step, double Value);
