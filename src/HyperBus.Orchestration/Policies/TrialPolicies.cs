using System.Collections.Concurrent;
using HyperBus.Core.Specs.Policies;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies.Hedging;
using HyperBus.Orchestration.Runtime;
using Polly;
using Polly.Hedging;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// The host's trial policies: one Polly resilience pipeline per study and trainer pool, registered by name. The saga
/// is message driven, so a handler cannot await a retry for minutes: the pipeline's retry strategy is evaluated for
/// the failed attempt (should it be retried? after what delay?) and the saga stores the waiting attempt with its due time.
/// </summary>
public sealed class TrialPolicies : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ResiliencePipelineRegistry<TrialPoolKey> _registry = new();
    private readonly ConcurrentDictionary<TrialPoolKey, RetryStrategyOptions<FailedAttempt>?> _retries = new();
    private readonly ConcurrentDictionary<TrialPoolKey, HedgingStrategyOptions<FailedAttempt>?> _hedges = new();
    private readonly ConcurrentDictionary<string, TrainerPool> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrainerPoolRate> _rates = new(StringComparer.Ordinal);

    public TrialPolicies(TimeProvider time) => _time = time;

    /// <summary>The pipelines built so far, by study and trainer pool.</summary>
    public ResiliencePipelineProvider<TrialPoolKey> Registry => _registry;

    /// <summary>The study's pipeline, built from its spec the first time it is asked for.</summary>
    public ResiliencePipeline<FailedAttempt> Pipeline(StudyRuntime study) => Pipeline(Key(study), study.Spec.Policy, study.AttemptTimeout);

    /// <param name="attemptTimeout">The attempt timeout, inside the retry so each attempt has its own; the study's deadlines come from it.</param>
    public ResiliencePipeline<FailedAttempt> Pipeline(TrialPoolKey key, TrialPolicySpec policy, TimeoutStrategyOptions? attemptTimeout = null) =>
        _registry.GetOrAddPipeline<FailedAttempt>(key, builder =>
        {
            builder.TimeProvider = _time;
            if (Retry(key, policy) is { } retry)
            {
                builder.AddRetry(retry);
            }

            if (Hedge(key, policy) is { } hedge)
            {
                builder.AddHedging(hedge);
            }

            if (attemptTimeout is not null)
            {
                builder.AddTimeout(attemptTimeout);
            }
        });

    /// <summary>
    /// How long the trial waits before its next attempt, or null when it fails for good: not retryable, or out of
    /// attempts. Decided by the retry strategy registered in the study's pipeline.
    /// </summary>
    public TimeSpan? RetryDelay(StudyRuntime study, Trial trial, FailedAttempt failure)
    {
        var key = Key(study);
        Pipeline(study);
        if (Retry(key, study.Spec.Policy) is not { } options)
        {
            return null;
        }

        // Polly numbers the attempt that just failed from 0 and stops once it reaches MaxRetryAttempts.
        var attemptNumber = trial.Attempt - 1;
        if (attemptNumber >= options.MaxRetryAttempts)
        {
            return null;
        }

        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(TrialRetryOptions.TrialId, trial.Id);
            var outcome = Outcome.FromResult(failure);
            if (!options.ShouldHandle(new RetryPredicateArguments<FailedAttempt>(context, outcome, attemptNumber)).AsTask().GetAwaiter().GetResult())
            {
                return null;
            }

            var delay = options.DelayGenerator?.Invoke(new RetryDelayGeneratorArguments<FailedAttempt>(context, outcome, attemptNumber)).AsTask().GetAwaiter().GetResult();
            return delay ?? options.Delay;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>How long an attempt of the study runs before it is hedged (its hedging strategy's delay), or null: no hedging (yet).</summary>
    public TimeSpan? HedgeDelay(StudyRuntime study)
    {
        Pipeline(study);
        return Hedge(Key(study), study.Spec.Policy) is { } hedge ? TrialHedgeOptions.Delay(hedge, study.Hedges.SortedDurations()) : null;
    }

    /// <summary>The trainer pool the study runs on, with its circuit breaker; shared by every study of that trainer kind.</summary>
    public TrainerPool Pool(StudyRuntime study) =>
        _pools.GetOrAdd(study.Spec.Trainer, kind => new TrainerPool(kind, study.Spec.Policy.CircuitBreaker, _registry, _time));

    public IEnumerable<TrainerPool> Pools => _pools.Values;

    /// <summary>The request rate of the study's trainer pool (its <c>rateLimit</c>), shared by every study of that trainer kind.</summary>
    public TrainerPoolRate Rate(StudyRuntime study) =>
        _rates.GetOrAdd(study.Spec.Trainer, kind => new TrainerPoolRate(kind, study.Spec.Policy.RateLimit, _registry, _time));

    public void Dispose() => _registry.Dispose();

    public static TrialPoolKey Key(StudyRuntime study) => new(study.StudyId, study.Spec.Trainer);

    private HedgingStrategyOptions<FailedAttempt>? Hedge(TrialPoolKey key, TrialPolicySpec policy) =>
        _hedges.GetOrAdd(key, _ => TrialHedgeOptions.Create(policy.Hedge));

    private RetryStrategyOptions<FailedAttempt>? Retry(TrialPoolKey key, TrialPolicySpec policy) =>
        _retries.GetOrAdd(key, _ => TrialRetryOptions.Create(policy.Retry));
}
