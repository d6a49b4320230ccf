using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Patience;

/// <summary>Optuna's PatientPruner: stop a trial whose last <c>patience + 1</c> steps did not beat its earlier best by <c>minDelta</c>.</summary>
public sealed class PatienceScheduler : IScheduler
{
    private readonly PatienceSchedulerOptions _options;

    public PatienceScheduler(PatienceSchedulerOptions options)
    {
        _options = options;
    }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report) =>
        ShouldStop(study.Direction, trial, report) ? SchedulerDecision.Stop : SchedulerDecision.Continue;

    public double? BudgetForNewTrial(StudyView study) => null;

    private bool ShouldStop(StudyDirection direction, Trial trial, TrialReport report)
    {
        // Only the trial's own curve matters, so other trials (failed or not) never influence this.
        var values = TrialSteps.ByStep(TrialSteps.With(trial, report)).Values.ToList();
        var window = _options.Patience + 1;
        if (values.Count <= window)
        {
            return false;
        }

        var before = values.Take(values.Count - window).Where(v => !double.IsNaN(v)).ToList();
        var after = values.Skip(values.Count - window).Where(v => !double.IsNaN(v)).ToList();
        if (before.Count == 0 || after.Count == 0)
        {
            return false; // numpy's nanmin of nothing is NaN, and every comparison with NaN is false
        }

        return direction == StudyDirection.Maximize
            ? before.Max() - _options.MinDelta > after.Max()
            : before.Min() + _options.MinDelta < after.Min();
    }
}
