namespace HyperBus.Orchestration.Policies;

/// <summary>What a trainer pool's circuit breaker counts: an attempt that ended, failed (with its error) or not.</summary>
public sealed record PoolOutcome(string? Error)
{
    public static PoolOutcome Success { get; } = new((string?)null);

    public bool Failed => Error is not null;
}
