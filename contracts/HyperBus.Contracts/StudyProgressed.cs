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
    IReadOnlyDictionary<string, JsonElement>? BestParams);
