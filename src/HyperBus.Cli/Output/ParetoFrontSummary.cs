using System.Text.Json.Serialization;

namespace HyperBus.Cli.Output;

/// <summary>A multi-objective study's answer in <c>--json</c>: how many trials are on the Pareto front, and each of them.</summary>
public sealed record ParetoFrontSummary(
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("trials")] IReadOnlyList<ParetoFrontTrial> Trials);
