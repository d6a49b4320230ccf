namespace HyperBus.Contracts;

/// <summary>Event: a trial attempt finished with a value (or ended early after a stop decision).</summary>
/// <param name="Value">The objective; for a multi-objective study the first of <paramref name="Values"/>.</param>
/// <param name="Metrics">Other numbers the trainer measured (e.g. fold scores, training time).</param>
/// <param name="Pruned">True when the trainer stopped because the host told it to.</param>
/// <param name="Artifact">A path or URI of the trained model, if the trainer saved one.</param>
public sealed record TrialCompleted(
    Guid StudyId,
    Guid TrialId,
    int Attempt,
    double Value,
    IReadOnlyList<double>? Values,
    IReadOnlyDictionary<string, double>? Metrics,
    bool Pruned,
    string? Checkpoint,
    string? Artifact,
    double DurationSeconds,
    string WorkerId);
