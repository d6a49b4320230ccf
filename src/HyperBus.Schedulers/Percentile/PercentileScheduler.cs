using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Percentile;

/// <summary>Optuna's PercentilePruner: stop a trial whose best value so far is worse than the percentile of completed trials at the same step.</summary>
public sealed class PercentileScheduler : IScheduler
{
    private readonly PercentileSchedulerOptions _options;

    public PercentileScheduler(PercentileSchedulerOptions options)
    {
        _options = options;
    }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report) =>
        ShouldStop(study, trial, report) ? SchedulerDecision.Stop : SchedulerDecision.Continue;

    public double? BudgetForNewTrial(StudyView study) => null;

    private bool ShouldStop(StudyView study, Trial trial, TrialReport report)
    {
        // Pruned and failed trials are left out, as in Optuna: only finished curves set the bar.
        var completed = study.Completed.Where(t => t.Id != trial.Id).ToList();
        if (completed.Count == 0 || completed.Count < _options.NStartupTrials)
        {
            return false;
        }

        var values = TrialSteps.ByStep(TrialSteps.With(trial, report));
        var step = values.Keys.Max();
        if (step < _options.NWarmupSteps || !IsFirstInInterval(step, values.Keys))
        {
            return false;
        }

        var own = values.Values.Where(v => !double.IsNaN(v)).ToList();
        if (own.Count == 0)
        {
            return true; // a trial that reports only NaN has diverged
        }

        var best = study.Direction == StudyDirection.Maximize ? own.Max() : own.Min();
        var atStep = completed
            .Select(t => TrialSteps.ByStep(t.Reports))
            .Where(v => v.ContainsKey(step))
            .Select(v => v[step])
            .ToList();
        if (atStep.Count < _options.NMinTrials)
        {
            return false;
        }

        // Maximising, the top p% lie above the (100 - p)-th percentile.
        var percent = study.Direction == StudyDirection.Maximize ? 100 - _options.Percentile : _options.Percentile;
        if (Quantile.Of(atStep, percent) is not { } bar)
        {
            return false;
        }

        return study.Direction == StudyDirection.Maximize ? best < bar : best > bar;
    }

    /// <summary>
    /// Optuna checks once per interval: at the first reported step at or past each check point, so a
    /// trainer that skips steps is still checked, and one that reports every step is checked once.
    /// </summary>
    private bool IsFirstInInterval(long step, IEnumerable<long> steps)
    {
        var interval = _options.IntervalSteps;
        var warmup = _options.NWarmupSteps;
        var checkPoint = ((step - warmup) / interval * interval) + warmup;
        var previous = steps.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return previous < checkPoint;
    }
}
