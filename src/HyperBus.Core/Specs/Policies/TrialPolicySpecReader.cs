using System.Globalization;
using System.Text.Json.Nodes;

namespace HyperBus.Core.Specs.Policies;

/// <summary>
/// Reads the trial policy: <c>maxAttempts</c>, <c>retry:</c>, <c>circuitBreaker:</c>, <c>hedge:</c> and
/// <c>rateLimit:</c>, each field checked against the range Polly accepts and reported with its path.
/// </summary>
public static class TrialPolicySpecReader
{
    public const int MaxAttempts = 100;

    private static readonly string[] Backoffs = ["constant", "linear", "exponential"];

    public static TrialPolicySpec Read(SpecObjectReader r) =>
        new(ReadRetry(r), ReadCircuitBreaker(r), ReadHedge(r), ReadRateLimit(r));

    private static RetrySpec ReadRetry(SpecObjectReader r)
    {
        var shortcut = r.Integer("maxAttempts", 1, MaxAttempts);
        var d = RetrySpec.Default;
        var retry = r.Child("retry");
        if (retry is null)
        {
            return d with { MaxAttempts = (int)(shortcut ?? d.MaxAttempts) };
        }

        if (retry.Has("maxAttempts") && r.Has("maxAttempts"))
        {
            retry.Error("maxAttempts", "give either maxAttempts or retry.maxAttempts, not both");
        }

        var attempts = retry.Integer("maxAttempts", 1, MaxAttempts) ?? shortcut ?? d.MaxAttempts;
        var backoff = retry.Enum("backoff", Backoffs) is { } b ? Enum.Parse<BackoffKind>(b, ignoreCase: true) : d.Backoff;
        var delay = Within(retry, "delaySeconds", 0, false, RetrySpec.MaxSeconds, false) ?? d.DelaySeconds;
        var maxDelay = Within(retry, "maxDelaySeconds", 0, true, RetrySpec.MaxSeconds, false);
        var jitter = retry.Bool("jitter") ?? d.Jitter;
        retry.RejectUnknown();
        if (maxDelay is { } max && max < delay)
        {
            retry.Error("maxDelaySeconds", $"must be >= delaySeconds ({Format(max)} < {Format(delay)})");
        }

        return new RetrySpec((int)attempts, backoff, delay, maxDelay ?? Math.Max(delay, d.MaxDelaySeconds), jitter);
    }

    private static CircuitBreakerSpec ReadCircuitBreaker(SpecObjectReader r)
    {
        var d = CircuitBreakerSpec.Default;
        if (r.Raw("circuitBreaker") is JsonValue v && v.TryGetValue<bool>(out var on))
        {
            return on ? d : CircuitBreakerSpec.Off;
        }

        var c = r.Child("circuitBreaker");
        if (c is null)
        {
            return d;
        }

        var enabled = c.Bool("enabled") ?? true;
        var ratio = Within(c, "failureRatio", 0, true, 1, false) ?? d.FailureRatio;
        // Polly needs two outcomes at least before a ratio means anything.
        var throughput = c.Integer("minimumThroughput", 2, 1_000_000) ?? d.MinimumThroughput;
        var sampling = Within(c, "samplingSeconds", 0.5, false, RetrySpec.MaxSeconds, false) ?? d.SamplingSeconds;
        var breakSeconds = Within(c, "breakSeconds", 0.5, false, RetrySpec.MaxSeconds, false) ?? d.BreakSeconds;
        c.RejectUnknown();
        return new CircuitBreakerSpec(enabled, ratio, (int)throughput, sampling, breakSeconds);
    }

    private static HedgeSpec? ReadHedge(SpecObjectReader r)
    {
        if (r.Raw("hedge") is JsonValue v && v.TryGetValue<bool>(out var on) && !on)
        {
            return null;
        }

        var h = r.Child("hedge");
        if (h is null)
        {
            return null;
        }

        var quantile = Within(h, "afterQuantile", 0, true, 1, true);
        var seconds = Within(h, "afterSeconds", 0, true, 30 * 24 * 3600, false);
        var minCompleted = h.Integer("minCompleted", 1, 1_000_000);
        var maxHedged = h.Integer("maxHedged", 1, 1000) ?? HedgeSpec.DefaultMaxHedged;
        h.RejectUnknown();
        if (h.Has("afterQuantile") == h.Has("afterSeconds"))
        {
            r.Error("hedge", "give either afterQuantile (with minCompleted) or afterSeconds");
            return null;
        }

        if (h.Has("minCompleted") && !h.Has("afterQuantile"))
        {
            h.Error("minCompleted", "only applies with afterQuantile");
        }

        return quantile is null && seconds is null ? null : new HedgeSpec(quantile, (int)(minCompleted ?? HedgeSpec.DefaultMinCompleted), (int)maxHedged, seconds);
    }

    private static RateLimitSpec? ReadRateLimit(SpecObjectReader r)
    {
        var l = r.Child("rateLimit");
        if (l is null)
        {
            return null;
        }

        var rate = Within(l, "trialsPerSecond", 0, true, 10_000, false);
        if (rate is null && !l.Has("trialsPerSecond"))
        {
            l.Error("trialsPerSecond", "is required");
        }

        l.RejectUnknown();
        return rate is null ? null : new RateLimitSpec(rate.Value);
    }

    /// <summary>A number in an interval written the mathematical way, so an open end reads as one: <c>must be in (0, 1]</c>.</summary>
    private static double? Within(SpecObjectReader r, string key, double low, bool lowOpen, double high, bool highOpen)
    {
        var value = r.Number(key);
        if (value is not { } x)
        {
            return null;
        }

        if ((lowOpen ? x <= low : x < low) || (highOpen ? x >= high : x > high))
        {
            r.Error(key, $"must be in {(lowOpen ? '(' : '[')}{Format(low)}, {Format(high)}{(highOpen ? ')' : ']')}, not {Format(x)}");
            return null;
        }

        return x;
    }

    private static string Format(double d) => d.ToString("G", CultureInfo.InvariantCulture);
}
