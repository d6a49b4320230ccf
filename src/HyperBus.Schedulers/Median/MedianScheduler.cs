using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Percentile;

namespace HyperBus.Schedulers.Median;

/// <summary>Optuna's MedianPruner: stop a trial whose best value so far is worse than the median of completed trials at the same step.</summary>
public sealed class MedianScheduler : IScheduler
{
    // As in Optuna, the median pruner is the percentile pruner at 50.
    private readonly PercentileScheduler _percentile;

    public MedianScheduler(MedianSchedulerOptions options)
    {
        _percentile = new PercentileScheduler(
            new PercentileSchedulerOptions(50, options.NStartupTrials, options.NWarmupSteps, options.IntervalSteps, options.NMinTrials));
    }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report) => _percentile.OnReport(study, trial, report);

    public double? BudgetForNewTrial(StudyView study) => null;
}
