using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>Response to a <see cref="TrialReported"/>: continue, stop, or (PBT) exploit another trial's state.</summary>
public sealed record TrialDecision(
    Guid StudyId,
    Guid TrialId,
    int Attempt,
    long Step,
    TrialAction Action,
    IReadOnlyDictionary<string, JsonElement>? Params,
    string? Checkpoint);
