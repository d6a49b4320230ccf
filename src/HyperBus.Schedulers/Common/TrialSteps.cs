using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Common;

/// <summary>A trial's reports as the pruners read them, derived only from the view so decisions survive a restart.</summary>
internal static class TrialSteps
{
    /// <summary>The reports including <paramref name="report"/>: the saga passes it last already, a caller may not.</summary>
    public static IReadOnlyList<TrialReport> With(Trial trial, TrialReport report) =>
        trial.Reports.Count > 0 && trial.Reports[^1] == report ? trial.Reports : [.. trial.Reports, report];

    /// <summary>The reports before <paramref name="report"/>, i.e. what earlier decisions saw.</summary>
    public static IReadOnlyList<TrialReport> Before(Trial trial, TrialReport report)
    {
        var all = With(trial, report);
        return all.Take(all.Count - 1).ToList();
    }

    /// <summary>Optuna's intermediate_values: one value per step, a repeated step keeping its latest value.</summary>
    public static SortedDictionary<long, double> ByStep(IEnumerable<TrialReport> reports)
    {
        var byStep = new SortedDictionary<long, double>();
        foreach (var r in reports)
        {
            byStep[r.Step] = r.Value;
        }

        return byStep;
    }

    /// <summary>
    /// The first completed trial with reports (by finish time, then number). Optuna estimates 'auto'
    /// resources once, from the trials complete at that moment; fixing the estimate to the first one
    /// keeps it from drifting as more trials finish, and makes it reproducible from the view.
    /// </summary>
    public static Trial? FirstCompletedWithReports(StudyView study) => study.Completed
        .Where(t => t.Reports.Count > 0)
        .OrderBy(t => t.FinishedAt ?? DateTimeOffset.MaxValue)
        .ThenBy(t => t.Number)
        .FirstOrDefault();
}
