namespace HyperBus.Reporting.Analysis;

/// <summary>One completed trial in the Pareto-front plot: its first two objectives and whether it is on the front.</summary>
public sealed record ParetoPoint(int Number, double X, double Y, bool OnFront, bool Feasible);
