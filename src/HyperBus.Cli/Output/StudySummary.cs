using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperBus.Cli.Output;

/// <summary>The result of a study as printed by <c>--json</c>: exactly this object on stdout.</summary>
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
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds);
