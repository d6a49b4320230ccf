using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// What each budget has seen (BOHB's D_b): a trial that reported at or past a budget contributes its
/// first such report there, so a trial stopped at rung 3 counts at budgets 1 and 3, and one that ran
/// to the end counts at every budget. Read from the view alone, so a restarted host models alike.
/// </summary>
internal static class BohbObservations
{
    /// <summary>The budgets BOHB models: min * eta^k up to the max resource (or the largest step seen while it is 'auto'), and the max itself.</summary>
    public static List<double> Budgets(StudyView study, BohbSchedulerOptions options)
    {
        var max = options.MaxResource?.Value
            ?? study.Trials.SelectMany(t => t.Reports).Select(r => (double)r.Step).DefaultIfEmpty(options.MinResource).Max();
        var budgets = new List<double>();
        for (var b = options.MinResource; b <= max * (1 + 1e-9); b *= options.ReductionFactor)
        {
            budgets.Add(b);
        }

        if (budgets.Count == 0 || budgets[^1] < max * (1 - 1e-9))
        {
            budgets.Add(max);
        }

        return budgets;
    }

    /// <summary>For each trial with a value at <paramref name="budget"/>: the trial and its loss there (smaller is better).</summary>
    public static List<(Trial Trial, double Loss)> At(StudyView study, double budget, bool isLargest)
    {
        var result = new List<(Trial, double)>();
        foreach (var t in study.Trials.Where(t => t.State != TrialState.Failed))
        {
            if (ValueAt(t, budget, isLargest) is { } v && !double.IsNaN(v))
            {
                result.Add((t, study.ToLoss(v)));
            }
        }

        return result;
    }

    private static double? ValueAt(Trial trial, double budget, bool isLargest)
    {
        foreach (var r in trial.Reports)
        {
            if (r.Step >= budget * (1 - 1e-9))
            {
                return r.Value;
            }
        }

        // A trainer that reports nothing still tells the largest budget its final value.
        return isLargest && trial.State == TrialState.Completed && trial.Reports.Count == 0 ? trial.Value : null;
    }
}
