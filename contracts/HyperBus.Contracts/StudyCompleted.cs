using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>Event: a study ended (all trials done, search space exhausted, or cancelled).</summary>
public sealed record StudyCompleted(
    Guid StudyId,
    string Name,
    StudyOutcome Outcome,
    Guid? BestTrialId,
    int? BestTrialNumber,
    double? BestValue,
    IReadOnlyList<double>? BestValues,
    IReadOnlyDictionary<string, JsonElement>? BestParams,
    int Completed,
    int Pruned,
    int Failed,
    double DurationSeconds)
{
    /// <summary>The Pareto front (feasible completed trials no other dominates) of a multi-objective study; null with one objective.</summary>
    public IReadOnlyList<ParetoTrial>? ParetoFront { get; init; }
}
