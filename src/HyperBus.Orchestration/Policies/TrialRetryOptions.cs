using HyperBus.Core.Specs.Policies;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// Polly's retry strategy options for a study's attempts: retryable failures and timeouts only, <c>maxAttempts - 1</c> retries,
/// the spec's backoff. The saga evaluates them for each failed attempt instead of awaiting the strategy.
/// </summary>
public static class TrialRetryOptions
{
    /// <summary>The trial the decision is about, for the seeded jitter.</summary>
    public static readonly ResiliencePropertyKey<Guid> TrialId = new("hyperbus.trial-id");

    /// <summary>The options, or null when the spec allows a single attempt (Polly needs at least one retry).</summary>
    public static RetryStrategyOptions<FailedAttempt>? Create(RetrySpec retry)
    {
        if (retry.MaxAttempts <= 1)
        {
            return null;
        }

        return new RetryStrategyOptions<FailedAttempt>
        {
            Name = "trial-retry",
            MaxRetryAttempts = retry.MaxAttempts - 1,
            BackoffType = retry.Backoff switch
            {
                BackoffKind.Constant => DelayBackoffType.Constant,
                BackoffKind.Linear => DelayBackoffType.Linear,
                _ => DelayBackoffType.Exponential,
            },
            Delay = TimeSpan.FromSeconds(retry.DelaySeconds),
            MaxDelay = TimeSpan.FromSeconds(retry.MaxDelaySeconds),
            UseJitter = retry.Jitter,
            // A failure the trainer called permanent (bad parameters, say) would fail the same way again; a timed-out attempt
            // (the pipeline's timeout strategy, or the deadline watcher's retryable failure in the saga) is retried.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retryable: true } || args.Outcome.Exception is TimeoutRejectedException),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                TrialBackoff.Delay(retry, args.AttemptNumber, args.Context.Properties.GetValue(TrialId, Guid.Empty))),
        };
    }
}
