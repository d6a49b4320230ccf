using System.Text.Json.Serialization;

namespace HyperBus.Cli.Output;

/// <summary>How the trials of a study ended.</summary>
public sealed record TrialCounts(
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("pruned")] int Pruned,
    [property: JsonPropertyName("failed")] int Failed);
