using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>Each completed trial's value in trial order with the best so far (Optuna's optimisation history).</summary>
public static class OptimizationHistory
{
    public static IReadOnlyList<HistoryPoint> Compute(IEnumerable<Trial> trials, StudyDirection direction)
    {
        var points = new List<HistoryPoint>();
        double? best = null;
        foreach (var t in trials.Where(t => t.State == TrialState.Completed && t.Value is not null).OrderBy(t => t.Number))
        {
            var value = t.Value!.Value;
            if (best is null || (direction == StudyDirection.Maximize ? value > best : value < best))
            {
                best = value;
            }

            points.Add(new HistoryPoint(t.Number, value, best.Value));
        }

        return points;
    }
}
