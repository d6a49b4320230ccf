using HyperBus.Core.Specs.Policies;
using Polly;
using Polly.Hedging;

namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// Polly's hedging strategy options for a study's trials: one hedged attempt per trial, after the spec's delay (a fixed
/// <c>afterSeconds</c>, or the <c>afterQuantile</c> of the completed trials' durations once <c>minCompleted</c> have
/// completed). The saga is message driven, so the host evaluates the delay generator on its clock instead of awaiting the strategy.
/// </summary>
public static class TrialHedgeOptions
{
    /// <summary>The study's completed trials' durations in seconds, sorted, for the delay generator.</summary>
    public static readonly ResiliencePropertyKey<IReadOnlyList<double>> CompletedDurations = new("hyperbus.completed-durations");

    /// <summary>The options, or null when the spec does not hedge (the default).</summary>
    public static HedgingStrategyOptions<FailedAttempt>? Create(HedgeSpec? hedge)
    {
        if (hedge is null)
        {
            return null;
        }

        return new HedgingStrategyOptions<FailedAttempt>
        {
            Name = "trial-hedge",
            // One hedge per trial; how many trials of a study may be hedged at once is maxHedged, checked by the saga.
            MaxHedgedAttempts = 1,
            // A failed attempt while the other runs does not fail the trial: Polly waits for the other, as the saga does.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is not null),
            DelayGenerator = args => ValueTask.FromResult(After(hedge, args.Context.Properties.GetValue(CompletedDurations, []))),
        };
    }

    /// <summary>How long an attempt runs before it is hedged; infinite (Polly's "hedge on failure only") until the quantile has its <c>minCompleted</c> trials.</summary>
    public static TimeSpan After(HedgeSpec hedge, IReadOnlyList<double> sortedDurations)
    {
        if (hedge.AfterSeconds is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return hedge.AfterQuantile is { } quantile && sortedDurations.Count >= Math.Max(1, hedge.MinCompleted)
            ? TimeSpan.FromSeconds(DurationQuantile.Of(sortedDurations, quantile))
            : Timeout.InfiniteTimeSpan;
    }

    /// <summary>Evaluates the options' delay generator for a trial of a study with these completed durations; null: do not hedge (yet).</summary>
    public static TimeSpan? Delay(HedgingStrategyOptions<FailedAttempt> options, IReadOnlyList<double> sortedDurations)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(CompletedDurations, sortedDurations);
            var delay = options.DelayGenerator is { } generator
                ? generator(new HedgingDelayGeneratorArguments(context, 0)).AsTask().GetAwaiter().GetResult()
                : options.Delay;
            return delay == Timeout.InfiniteTimeSpan ? null : delay;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
