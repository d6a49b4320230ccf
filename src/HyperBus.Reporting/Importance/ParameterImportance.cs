namespace HyperBus.Reporting.Importance;

/// <summary>A parameter's share of the objective's variance; a study's importances add up to 1.</summary>
public sealed record ParameterImportance(string Parameter, double Importance);
