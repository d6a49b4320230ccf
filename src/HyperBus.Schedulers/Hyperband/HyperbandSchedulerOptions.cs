using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Hyperband;

/// <summary>Options of <see cref="HyperbandScheduler"/>; the defaults are Optuna's HyperbandPruner's.</summary>
/// <param name="MinResource">The most aggressive bracket's first rung.</param>
/// <param name="MaxResource">R: the budget of a trial that is never stopped, or 'auto' (the first completed trial's last step + 1).</param>
/// <param name="ReductionFactor">eta, as in successive halving.</param>
/// <param name="Seed">Mixed with the trial number to choose a trial's bracket.</param>
public sealed record HyperbandSchedulerOptions(
    double MinResource = 1,
    ResourceOption? MaxResource = null,
    int ReductionFactor = 3,
    int Seed = 0);
