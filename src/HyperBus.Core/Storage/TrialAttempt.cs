namespace HyperBus.Core.Storage;

/// <summary>One attempt at a trial: who ran it and how it ended (the error of a failed one is kept).</summary>
public sealed record TrialAttempt(
    Guid TrialId,
    int Attempt,
    string? WorkerId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string State,
    double? Value,
    string? Error);
