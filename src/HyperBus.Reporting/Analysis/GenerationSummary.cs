namespace HyperBus.Reporting.Analysis;

/// <summary>One generation of a population study: its best and mean value and the best over it and every earlier one.</summary>
public sealed record GenerationSummary(int Generation, int Trials, double Best, double Mean, double BestSoFar);
