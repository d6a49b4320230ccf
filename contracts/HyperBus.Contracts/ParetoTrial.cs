using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>One trial on a multi-objective study's Pareto front, as <see cref="StudyCompleted"/> carries it.</summary>
public sealed record ParetoTrial(
    Guid TrialId,
    int Number,
    IReadOnlyList<double> Values,
    IReadOnlyDictionary<string, JsonElement> Params);
