namespace HyperBus.Contracts;

/// <summary>Request: an intermediate value at a step; the host answers with a <see cref="TrialDecision"/>.</summary>
/// <param name="Checkpoint">Where the trainer saved its state at this step, if it did.</param>
public sealed record TrialReported(
    Guid StudyId,
    Guid TrialId,
    int Attempt,
    long Step,
    double Value,
    string? Checkpoint,
    string WorkerId);
