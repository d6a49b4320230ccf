namespace HyperBus.Core.Specs.Policies;

/// <summary>What the study's trial policy does with failed, slow and timed-out attempts: one Polly pipeline per study and trainer pool.</summary>
public sealed record TrialPolicySpec(RetrySpec Retry, CircuitBreakerSpec CircuitBreaker, HedgeSpec? Hedge, RateLimitSpec? RateLimit)
{
    public static TrialPolicySpec Default { get; } = new(RetrySpec.Default, CircuitBreakerSpec.Default, null, null);
}
