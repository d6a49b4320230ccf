using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Asha;

/// <summary>
/// Ray Tune's AsyncHyperBandScheduler (ASHA) in its stopping form: at each milestone a trial is stopped
/// if it is below the 1/rf top quantile of the values recorded there so far; it never waits for a rung
/// to fill. The recorded values are replayed from the reports in the view, so a restart decides alike.
/// </summary>
public sealed class AshaScheduler : IScheduler
{
    private readonly AshaSchedulerOptions _options;
    private readonly IReadOnlyList<AshaBracket> _brackets;

    public AshaScheduler(AshaSchedulerOptions options)
    {
        // The factory reports these to the user; here they only keep the milestone loop finite.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ReductionFactor, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.GracePeriod);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Brackets);
        _options = options;
        _brackets = Enumerable.Range(0, options.Brackets).Select(s => AshaBracket.For(options, s)).ToList();
    }

    public IReadOnlyList<AshaBracket> Brackets => _brackets;

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report)
    {
        // Ray stops a trial at max_t; here the budget ends it, so it completes rather than counting as pruned.
        if (report.Step >= _options.MaxT)
        {
            return SchedulerDecision.Continue;
        }

        if (double.IsNaN(report.Value))
        {
            return SchedulerDecision.Stop; // Ray would go on with a NaN; a diverged trial is not worth its budget
        }

        var bracketId = BracketOf(trial.Number);
        var bracket = _brackets[bracketId];
        var ownRecorded = new HashSet<int>();
        foreach (var r in TrialSteps.Before(trial, report))
        {
            Record(bracket, ownRecorded, r);
        }

        var milestone = bracket.MilestoneFor(report.Step, ownRecorded);
        if (milestone < 0)
        {
            return SchedulerDecision.Continue;
        }

        var recorded = new List<double>();
        foreach (var other in study.Trials.Where(t => t.Id != trial.Id && t.State != TrialState.Failed && BracketOf(t.Number) == bracketId))
        {
            recorded.AddRange(RecordedAt(bracket, other, milestone));
        }

        // Rewards are larger-is-better, as Ray multiplies by the mode's sign.
        var cutoff = Quantile.Of(recorded.Select(Reward), (1 - (1 / _options.ReductionFactor)) * 100);
        return cutoff is { } c && Reward(report.Value) < c ? SchedulerDecision.Stop : SchedulerDecision.Continue;

        double Reward(double v) => study.Direction == StudyDirection.Maximize ? v : -v;
    }

    /// <summary>ASHA assigns every trial the budget max t (Ray stops trials there).</summary>
    public double? BudgetForNewTrial(StudyView study) => _options.MaxT;

    /// <summary>
    /// Ray draws a bracket with probability proportional to exp(its rung count); the draw here comes from
    /// a stable hash of (seed, trial number), so it is the same after a restart.
    /// </summary>
    public int BracketOf(int trialNumber)
    {
        if (_brackets.Count == 1)
        {
            return 0;
        }

        var most = _brackets.Max(b => b.Milestones.Count);
        var weights = _brackets.Select(b => Math.Exp(b.Milestones.Count - most)).ToList();
        var u = StableHash.Unit(_options.Seed, trialNumber) * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>The value another trial recorded at the milestone, replaying Ray's bookkeeping over its reports.</summary>
    private IEnumerable<double> RecordedAt(AshaBracket bracket, Trial other, int milestone)
    {
        var recorded = new HashSet<int>();
        double? value = null;
        // Ray records nothing for a result at or past max_t (it stops the trial first) ...
        foreach (var r in other.Reports.Where(r => r.Step < _options.MaxT))
        {
            value = Record(bracket, recorded, r) == milestone ? r.Value : value;
        }

        // ... but records the final result once more when the trial completes.
        if (other.State == TrialState.Completed && other.LastReport is { } last)
        {
            value = Record(bracket, recorded, last) == milestone ? last.Value : value;
        }

        return value is { } v ? [v] : [];
    }

    /// <summary>Records a report at the milestone Ray would, returning that milestone or -1.</summary>
    private static int Record(AshaBracket bracket, HashSet<int> recorded, TrialReport r)
    {
        var i = double.IsNaN(r.Value) ? -1 : bracket.MilestoneFor(r.Step, recorded);
        if (i >= 0)
        {
            recorded.Add(i);
        }

        return i;
    }
}
