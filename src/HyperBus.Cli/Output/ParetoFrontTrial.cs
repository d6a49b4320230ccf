using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperBus.Cli.Output;

/// <summary>One trial on the Pareto front: its number, objective values (in the order of <c>directions</c>) and parameters.</summary>
public sealed record ParetoFrontTrial(
    [property: JsonPropertyName("trial")] int Trial,
    [property: JsonPropertyName("values")] IReadOnlyList<double> Values,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, JsonElement> Params);
