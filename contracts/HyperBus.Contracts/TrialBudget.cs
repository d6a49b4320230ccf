namespace HyperBus.Contracts;

/// <summary>How much of the study's fidelity (epochs, boosting rounds, ...) a trial may spend.</summary>
/// <param name="Name">The fidelity's name from the spec, e.g. <c>epochs</c>.</param>
/// <param name="Amount">Train up to this much of it.</param>
public sealed record TrialBudget(string Name, double Amount);
