using HyperBus.Core.Storage;

namespace HyperBus.Orchestration.Verification;

/// <summary>What the host records for an attempt: the outcome (its value possibly replaced by the verified one) or why it is rejected.</summary>
/// <param name="Attributes">The trial's attributes after verification (already written to the store).</param>
public sealed record TrialVerdict(TrialOutcome Outcome, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Why the attempt fails instead of completing; null when it is accepted.</summary>
    public string? Error { get; init; }

    /// <summary>Whether another attempt could fix <see cref="Error"/> (a model file not there yet, say).</summary>
    public bool Retryable { get; init; }
}
