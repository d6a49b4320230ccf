namespace HyperBus.Core.Specs;

/// <summary>The resource a trial's budget is measured in (epochs, boosting rounds) and its range.</summary>
public sealed record FidelitySpec(string Name, double Min, double Max);
