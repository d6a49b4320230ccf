using HyperBus.Core.Trials;

namespace HyperBus.Core.Storage;

/// <summary>How a trial attempt ended, as written to the store.</summary>
/// <param name="WorkerId">Who ran the attempt, when no TrialStarted said so already (quick trials skip it).</param>
public sealed record TrialOutcome(
    TrialState State,
    double? Value,
    DateTimeOffset FinishedAt,
    double DurationSeconds,
    IReadOnlyDictionary<string, double>? Metrics = null,
    string? Error = null,
    string? Checkpoint = null,
    string? Artifact = null,
    string? WorkerId = null);
