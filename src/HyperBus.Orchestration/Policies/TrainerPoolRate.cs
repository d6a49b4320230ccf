using HyperBus.Core.Specs.Policies;
using Polly;
using Polly.RateLimiting;
using Polly.Registry;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// The <c>rateLimit</c> of one trainer kind, shared by every study that uses it: attempt requests go out at most
/// <c>trialsPerSecond</c>, one every 1/rate seconds on the host's clock. Registered as Polly's rate limiter strategy in
/// the pool's request pipeline. A request beyond the rate is not dropped and not held in a handler: it is given the next
/// free slot, and the saga stores the attempt as waiting until then (like a backoff), so a restart keeps it.
/// </summary>
public sealed class TrainerPoolRate
{
    /// <summary>The attempt a rate decision is about: it keeps the slot it was given until it takes it.</summary>
    public static readonly ResiliencePropertyKey<(Guid TrialId, int Attempt)> AttemptKey = new("hyperbus.attempt");

    /// <summary>Slots given to attempts that wait for them; a slot nobody took within this long is forgotten.</summary>
    private static readonly TimeSpan ForgetSlotsAfter = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly Dictionary<(Guid TrialId, int Attempt), DateTimeOffset> _slots = [];
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    public TrainerPoolRate(string kind, RateLimitSpec? spec, ResiliencePipelineRegistry<TrialPoolKey> registry, TimeProvider time)
    {
        Kind = kind;
        Spec = spec;
        _time = time;
        Options = spec is null ? null : new RateLimiterStrategyOptions
        {
            Name = "trainer-pool-rate",
            RateLimiter = args => ValueTask.FromResult<System.Threading.RateLimiting.RateLimitLease>(Acquire(args.Context.Properties.GetValue(AttemptKey, default))),
        };
        // The pool's breaker is its ResiliencePipeline<PoolOutcome> under the same key; this one gates requests.
        Pipeline = registry.GetOrAddPipeline(new TrialPoolKey(Guid.Empty, kind), builder =>
        {
            builder.TimeProvider = time;
            if (Options is not null)
            {
                builder.AddRateLimiter(Options);
            }
        });
    }

    public string Kind { get; }

    /// <summary>The rate of the first study on this host that used the kind; the pool is shared, so one rate holds.</summary>
    public RateLimitSpec? Spec { get; }

    /// <summary>The rate limiter strategy's options, null when the kind has no rate limit.</summary>
    public RateLimiterStrategyOptions? Options { get; }

    /// <summary>The pool's request pipeline, registered under the trainer kind.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// When the attempt may be requested: null for now, or the time of the slot it keeps. Decided by the registered rate
    /// limiter strategy's options, evaluated here because a saga handler cannot wait for a permit.
    /// </summary>
    public DateTimeOffset? HeldUntil(Guid trialId, int attempt)
    {
        if (Options?.RateLimiter is not { } limiter)
        {
            return null;
        }

        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(AttemptKey, (trialId, attempt));
            // The delegate above answers synchronously.
            var lease = (PoolRateLease)limiter(new RateLimiterArguments(context)).AsTask().GetAwaiter().GetResult();
            return lease.RetryAfter is { } wait ? _time.GetUtcNow() + wait : null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A permit now when the attempt's slot (kept, or the next free one) has come; otherwise the wait for it.</summary>
    public PoolRateLease Acquire((Guid TrialId, int Attempt) attempt)
    {
        var now = _time.GetUtcNow();
        lock (_slots)
        {
            if (_slots.Remove(attempt, out var kept))
            {
                if (kept <= now)
                {
                    return new PoolRateLease(null);
                }

                _slots[attempt] = kept;
                return new PoolRateLease(kept - now);
            }

            var slot = now > _nextFree ? now : _nextFree;
            _nextFree = slot + TimeSpan.FromSeconds(1 / Spec!.TrialsPerSecond);
            if (slot <= now)
            {
                return new PoolRateLease(null);
            }

            Forget(now);
            _slots[attempt] = slot;
            return new PoolRateLease(slot - now);
        }
    }

    /// <summary>Drops slots long past (their attempt was cancelled or failed while waiting) so the table stays small.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (attempt, slot) in _slots.Where(s => now - s.Value > ForgetSlotsAfter).ToList())
        {
            _slots.Remove(attempt);
        }
    }
}
