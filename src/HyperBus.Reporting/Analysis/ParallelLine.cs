namespace HyperBus.Reporting.Analysis;

/// <summary>One completed trial across the parallel axes: the objective first, then each parameter, all in [0, 1].</summary>
/// <param name="Rank">0 for the best trial, 1 for the next, ...; ties share the better rank.</param>
public sealed record ParallelLine(int Number, double Value, int Rank, IReadOnlyList<double> Positions);
