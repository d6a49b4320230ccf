namespace HyperBus.Core.Specs.Policies;

/// <summary>The spec's <c>rateLimit:</c> block: at most this many trials started per second on the trainer pool (shared GPUs, licence servers).</summary>
public sealed record RateLimitSpec(double TrialsPerSecond);
