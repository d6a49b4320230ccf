using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.SuccessiveHalving;

/// <summary>
/// Optuna's asynchronous successive halving decision, shared with Hyperband's brackets. Optuna keeps
/// the value a trial had at each rung in system attributes; here that value is read back from the
/// trial's reports (the first report at or past the rung), so the view alone decides.
/// </summary>
internal static class SuccessiveHalvingRule
{
    public static bool ShouldStop(
        StudyDirection direction,
        IEnumerable<Trial> peers,
        Trial trial,
        TrialReport report,
        double minResource,
        int eta,
        int rate)
    {
        var earlier = TrialSteps.Before(trial, report);
        var earlierMax = earlier.Count == 0 ? long.MinValue : earlier.Max(r => r.Step);
        if (report.Step <= earlierMax)
        {
            return false; // no step beyond the rungs already passed, so no new rung to judge
        }

        var rivals = peers.Where(t => t.Id != trial.Id && t.State != TrialState.Failed).ToList();
        var rung = 0;
        while (RungStep(minResource, eta, rate + rung) <= earlierMax)
        {
            rung++;
        }

        // A report may jump several rungs: it is judged at each, as Optuna's loop does.
        while (report.Step >= RungStep(minResource, eta, rate + rung))
        {
            if (double.IsNaN(report.Value))
            {
                return true;
            }

            var rungStep = RungStep(minResource, eta, rate + rung);
            var competing = rivals.Select(t => ValueAt(t, rungStep)).OfType<double>().ToList();
            competing.Add(report.Value);
            if (!IsPromotable(report.Value, competing, eta, direction))
            {
                return true;
            }

            rung++;
        }

        return false;
    }

    public static double RungStep(double minResource, int eta, int exponent) => minResource * Math.Pow(eta, exponent);

    /// <summary>The value a trial recorded at the rung: that of its first report at or past the rung step.</summary>
    private static double? ValueAt(Trial trial, double rungStep)
    {
        foreach (var r in trial.Reports)
        {
            if (r.Step >= rungStep)
            {
                // Optuna stops a NaN report before recording it.
                return double.IsNaN(r.Value) ? null : r.Value;
            }
        }

        return null;
    }

    /// <summary>In the top 1/eta of the rung; while fewer than eta trials are there, only the best goes on (Optuna cannot pause).</summary>
    private static bool IsPromotable(double value, List<double> competing, int eta, StudyDirection direction)
    {
        var index = Math.Max((competing.Count / eta) - 1, 0);
        competing.Sort();
        return direction == StudyDirection.Maximize
            ? value >= competing[competing.Count - 1 - index]
            : value <= competing[index];
    }
}
