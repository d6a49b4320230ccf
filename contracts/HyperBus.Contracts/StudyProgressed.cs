using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>Event: a trial outcome was recorded; carries the counts and the best so far for progress displays.</summary>
public sealed record StudyProgressed(
    Guid StudyId,
    int Target,
    int Completed,
    int Pruned,
    int Failed,
    int Running,
    double? BestValue,
    IReadOnlyDictionary<string, JsonElement>? BestParams)
{
    /// <summary>
    /// Set while the study waits on something it cannot fix itself (no worker consumes its trainer queue);
    /// progress displays show it. Added in contract 1.0 as optional, so older readers ignore it.
    /// </summary>
    public string? Warning { get; init; }
}
