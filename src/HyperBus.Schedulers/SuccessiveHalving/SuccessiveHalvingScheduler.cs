using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.SuccessiveHalving;

/// <summary>Optuna's SuccessiveHalvingPruner (asynchronous SHA): at each rung a trial goes on only if it is in the top 1/eta of the trials that reached it.</summary>
public sealed class SuccessiveHalvingScheduler : IScheduler
{
    private readonly SuccessiveHalvingSchedulerOptions _options;

    public SuccessiveHalvingScheduler(SuccessiveHalvingSchedulerOptions options)
    {
        // The factory reports these to the user; here they only keep the rung loop finite.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MinEarlyStoppingRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MinResource.Value ?? 1);
        _options = options;
    }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report)
    {
        if (MinResource(study) is not { } minResource)
        {
            return SchedulerDecision.Continue;
        }

        var stop = SuccessiveHalvingRule.ShouldStop(
            study.Direction, study.Trials, trial, report, minResource, _options.ReductionFactor, _options.MinEarlyStoppingRate);
        return stop ? SchedulerDecision.Stop : SchedulerDecision.Continue;
    }

    /// <summary>Every trial may run to its end; successive halving only stops the ones that fall behind.</summary>
    public double? BudgetForNewTrial(StudyView study) => null;

    /// <summary>The first rung's step; for 'auto', Optuna's estimate max(last step / 100, 1), or null until a trial completes.</summary>
    public double? MinResource(StudyView study)
    {
        if (_options.MinResource.Value is { } fixedValue)
        {
            return fixedValue;
        }

        var first = TrialSteps.FirstCompletedWithReports(study);
        return first is null ? null : Math.Max(first.Reports.Max(r => r.Step) / 100, 1);
    }
}
