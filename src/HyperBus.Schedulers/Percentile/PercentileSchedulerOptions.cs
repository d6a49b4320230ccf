namespace HyperBus.Schedulers.Percentile;

/// <summary>Options of <see cref="PercentileScheduler"/>; the defaults are Optuna's PercentilePruner's.</summary>
/// <param name="Percentile">Trials whose best value is outside the best <c>Percentile</c>% at the step are stopped (25 keeps the top quarter).</param>
/// <param name="NStartupTrials">No stopping until this many trials have completed.</param>
/// <param name="NWarmupSteps">No stopping of a trial before this step.</param>
/// <param name="IntervalSteps">Check only once per this many steps after the warm-up.</param>
/// <param name="NMinTrials">No stopping at a step that fewer completed trials reported.</param>
public sealed record PercentileSchedulerOptions(
    double Percentile,
    int NStartupTrials = 5,
    int NWarmupSteps = 0,
    int IntervalSteps = 1,
    int NMinTrials = 1);
