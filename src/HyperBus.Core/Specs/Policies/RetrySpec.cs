namespace HyperBus.Core.Specs.Policies;

/// <summary>
/// The spec's <c>retry:</c> block: how often a failed attempt is tried again and how long the trial waits first.
/// Only retryable failures and timed-out attempts are retried; <c>retryable: false</c> never is.
/// </summary>
/// <param name="MaxAttempts">Attempts per trial, the first included (the top-level <c>maxAttempts</c> is a shortcut for it).</param>
/// <param name="Backoff">How the delay grows from one retry to the next.</param>
/// <param name="DelaySeconds">The base delay: before the first retry, and the unit the others grow by.</param>
/// <param name="MaxDelaySeconds">No retry waits longer than this, whatever the backoff gives.</param>
/// <param name="Jitter">Spread the delays randomly (seeded per study) so retries of many trials do not land together.</param>
public sealed record RetrySpec(int MaxAttempts, BackoffKind Backoff, double DelaySeconds, double MaxDelaySeconds, bool Jitter)
{
    public const int DefaultMaxAttempts = 2;

    /// <summary>Polly's own limit on a retry delay (one day).</summary>
    public const double MaxSeconds = 24 * 3600;

    public static RetrySpec Default { get; } = new(DefaultMaxAttempts, BackoffKind.Exponential, 1, 60, Jitter: true);
}
