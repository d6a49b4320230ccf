namespace HyperBus.Reporting.Analysis;

/// <summary>One completed trial in the optimisation history: its value and the best value up to and including it.</summary>
public sealed record HistoryPoint(int Number, double Value, double BestSoFar);
