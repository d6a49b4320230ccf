namespace HyperBus.Schedulers.Median;

/// <summary>Options of <see cref="MedianScheduler"/>; the defaults are Optuna's MedianPruner's.</summary>
/// <param name="NStartupTrials">No stopping until this many trials have completed.</param>
/// <param name="NWarmupSteps">No stopping of a trial before this step.</param>
/// <param name="IntervalSteps">Check only once per this many steps after the warm-up.</param>
/// <param name="NMinTrials">No stopping at a step that fewer completed trials reported.</param>
public sealed record MedianSchedulerOptions(
    int NStartupTrials = 5,
    int NWarmupSteps = 0,
    int IntervalSteps = 1,
    int NMinTrials = 1);
