using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;
using HyperBus.Schedulers.SuccessiveHalving;

namespace HyperBus.Schedulers.Hyperband;

/// <summary>
/// Optuna's HyperbandPruner: each trial is put in one of the brackets, and successive halving with the
/// bracket's early-stopping rate decides against that bracket's trials only.
/// </summary>
public sealed class HyperbandScheduler : IScheduler
{
    private readonly HyperbandSchedulerOptions _options;

    public HyperbandScheduler(HyperbandSchedulerOptions options)
    {
        // The factory reports these to the user; here they only keep the rung loop finite.
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MinResource);
        _options = options;
    }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report)
    {
        if (Plan(study) is not { BracketCount: > 0 } plan)
        {
            return SchedulerDecision.Continue;
        }

        var bracket = plan.BracketOf(trial.Number, _options.Seed);
        // Filtering here rather than rewriting the study (Optuna's _BracketStudy) keeps the view intact.
        var peers = study.Trials.Where(t => plan.BracketOf(t.Number, _options.Seed) == bracket);
        var stop = SuccessiveHalvingRule.ShouldStop(
            study.Direction, peers, trial, report, _options.MinResource, _options.ReductionFactor, rate: bracket);
        return stop ? SchedulerDecision.Stop : SchedulerDecision.Continue;
    }

    /// <summary>
    /// R for every trial: in the paper every bracket ends at R (only the first rung differs), so a known
    /// max resource is the budget whatever the bracket; null while it is 'auto'.
    /// </summary>
    public double? BudgetForNewTrial(StudyView study) => _options.MaxResource?.Value;

    /// <summary>The brackets, or null while the max resource is 'auto' and no trial has completed.</summary>
    public HyperbandPlan? Plan(StudyView study)
    {
        var max = _options.MaxResource?.Value;
        if (max is null)
        {
            var first = TrialSteps.FirstCompletedWithReports(study);
            if (first is null)
            {
                return null;
            }

            max = first.Reports.Max(r => r.Step) + 1;
        }

        return HyperbandPlan.For(_options.MinResource, max.Value, _options.ReductionFactor);
    }
}
