using HyperBus.Core.Specs.Policies;

namespace HyperBus.Core.Tests;

/// <summary>The spec's trial policy: defaults when it is left out, and every field read as written.</summary>
public sealed class TrialPolicySpecTests
{
    private const string Head = "study: s\ntrials: 5\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }\n";

    [Fact]
    public void Left_out_it_retries_with_exponential_backoff_and_the_breaker_is_on()
    {
        var policy = SpecParsing.Parse(Head).Policy;

        Assert.Equal(RetrySpec.Default, policy.Retry);
        Assert.True(policy.CircuitBreaker.Enabled);
        Assert.Null(policy.Hedge);
        Assert.Null(policy.RateLimit);
    }

    [Fact]
    public void The_maxAttempts_shortcut_sets_the_retry_count_and_keeps_the_default_backoff()
    {
        var spec = SpecParsing.Parse(Head + "maxAttempts: 4\n");

        Assert.Equal(4, spec.MaxAttempts);
        Assert.Equal(RetrySpec.Default with { MaxAttempts = 4 }, spec.Policy.Retry);
    }

    [Fact]
    public void Every_field_is_read_as_written()
    {
        var policy = SpecParsing.Parse(Head + """
            retry: { maxAttempts: 5, backoff: linear, delaySeconds: 2.5, maxDelaySeconds: 10, jitter: false }
            circuitBreaker: { failureRatio: 0.25, minimumThroughput: 8, samplingSeconds: 20, breakSeconds: 3 }
            hedge: { afterQuantile: 0.9, minCompleted: 12, maxHedged: 3 }
            rateLimit: { trialsPerSecond: 0.5 }
            """).Policy;

        Assert.Equal(new RetrySpec(5, BackoffKind.Linear, 2.5, 10, Jitter: false), policy.Retry);
        Assert.Equal(new CircuitBreakerSpec(true, 0.25, 8, 20, 3), policy.CircuitBreaker);
        Assert.Equal(new HedgeSpec(0.9, 12, 3, null), policy.Hedge);
        Assert.Equal(new RateLimitSpec(0.5), policy.RateLimit);
    }

    [Fact]
    public void A_max_delay_left_out_is_never_below_the_delay()
    {
        var retry = SpecParsing.Parse(Head + "retry: { backoff: constant, delaySeconds: 120 }\n").Policy.Retry;

        Assert.Equal(120, retry.MaxDelaySeconds);
    }

    [Theory]
    [InlineData("circuitBreaker: false", false)]
    [InlineData("circuitBreaker: true", true)]
    [InlineData("circuitBreaker: { enabled: false }", false)]
    public void The_breaker_can_be_switched_off(string line, bool enabled) =>
        Assert.Equal(enabled, SpecParsing.Parse(Head + line + "\n").Policy.CircuitBreaker.Enabled);

    [Fact]
    public void A_hedge_after_seconds_needs_no_completed_trials()
    {
        var hedge = SpecParsing.Parse(Head + "hedge: { afterSeconds: 30 }\n").Policy.Hedge;

        Assert.Equal(new HedgeSpec(null, HedgeSpec.DefaultMinCompleted, HedgeSpec.DefaultMaxHedged, 30), hedge);
    }
}
