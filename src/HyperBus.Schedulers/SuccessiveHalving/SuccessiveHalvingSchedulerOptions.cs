using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.SuccessiveHalving;

/// <summary>Options of <see cref="SuccessiveHalvingScheduler"/>; the defaults are Optuna's SuccessiveHalvingPruner's.</summary>
/// <param name="MinResource">The first rung's step, or 'auto' (a hundredth of the first completed trial's last step).</param>
/// <param name="ReductionFactor">eta: rungs are eta times apart and keep the top 1/eta.</param>
/// <param name="MinEarlyStoppingRate">s: the first rung is at <c>minResource * eta^s</c>.</param>
public sealed record SuccessiveHalvingSchedulerOptions(
    ResourceOption MinResource,
    int ReductionFactor = 4,
    int MinEarlyStoppingRate = 0);
