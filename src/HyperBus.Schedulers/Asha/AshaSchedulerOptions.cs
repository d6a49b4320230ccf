namespace HyperBus.Schedulers.Asha;

/// <summary>Options of <see cref="AshaScheduler"/>; the defaults are Ray Tune's AsyncHyperBandScheduler's.</summary>
/// <param name="GracePeriod">min t: no trial is stopped before this step (the first milestone).</param>
/// <param name="MaxT">The budget of every trial; milestones lie between the grace period and this.</param>
/// <param name="ReductionFactor">Milestones are this far apart, and each keeps the top 1/rf.</param>
/// <param name="Brackets">Ray's brackets: bracket s starts its milestones at <c>gracePeriod * rf^s</c>.</param>
/// <param name="Seed">Mixed with the trial number to choose a trial's bracket.</param>
public sealed record AshaSchedulerOptions(
    double GracePeriod = 1,
    double MaxT = 100,
    double ReductionFactor = 4,
    int Brackets = 1,
    int Seed = 0);
