namespace HyperBus.Core.Specs.Policies;

/// <summary>
/// The spec's <c>circuitBreaker:</c> block, per trainer pool: when at least <paramref name="MinimumThroughput"/>
/// attempts ended within <paramref name="SamplingSeconds"/> and <paramref name="FailureRatio"/> of them failed, the
/// studies using the pool pause for <paramref name="BreakSeconds"/>, then one probe trial decides.
/// </summary>
public sealed record CircuitBreakerSpec(bool Enabled, double FailureRatio, int MinimumThroughput, double SamplingSeconds, double BreakSeconds)
{
    /// <summary>
    /// On by default: a broken trainer should pause a study, not burn its whole budget. The ratio is high so a trainer that
    /// fails every first attempt does not trip it (at parallelism 4 its worst 30 s holds 5 failures in 6 attempts); a pool
    /// that fails everything trips it at its fifth failure.
    /// </summary>
    public static CircuitBreakerSpec Default { get; } = new(Enabled: true, FailureRatio: 0.9, MinimumThroughput: 5, SamplingSeconds: 30, BreakSeconds: 20);

    public static CircuitBreakerSpec Off { get; } = Default with { Enabled = false };
}
