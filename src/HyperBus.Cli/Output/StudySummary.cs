using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperBus.Cli.Output;

/// <summary>The result of a study as printed by <c>--json</c>: exactly this object on stdout (the best trial, or with several objectives the Pareto front).</summary>
public sealed record StudySummary(
    [property: JsonPropertyName("study")] string Study,
    [property: JsonPropertyName("studyId")] Guid StudyId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("bestValue")] double? BestValue,
    [property: JsonPropertyName("bestTrial")] int? BestTrial,
    [property: JsonPropertyName("bestParams")] IReadOnlyDictionary<string, JsonElement>? BestParams,
    [property: JsonPropertyName("trials")] TrialCounts Trials,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds)
{
    /// <summary>One direction per objective; only written for a multi-objective study.</summary>
    [JsonPropertyName("directions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Directions { get; init; }

    /// <summary>The objectives' names (the spec's <c>metrics</c>); only written for a multi-objective study that names them.</summary>
    [JsonPropertyName("metrics")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>The Pareto front instead of a single best; only written for a multi-objective study.</summary>
    [JsonPropertyName("paretoFront")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParetoFrontSummary? ParetoFront { get; init; }
}
