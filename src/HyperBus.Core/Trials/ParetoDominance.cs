namespace HyperBus.Core.Trials;

/// <summary>
/// Pareto dominance between trials with Deb's constraint handling: a feasible trial beats an infeasible
/// one, of two infeasible ones the smaller total violation wins, and feasible ones compare by objectives.
/// </summary>
public static class ParetoDominance
{
    /// <summary>The objectives of <paramref name="trial"/> turned so that smaller is better, or null if it has not all of them.</summary>
    public static double[]? Losses(Trial trial, IReadOnlyList<StudyDirection> directions)
    {
        var values = trial.Objectives;
        if (trial.State != TrialState.Completed || values.Count != directions.Count || values.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        var losses = new double[values.Count];
        for (var i = 0; i < losses.Length; i++)
        {
            losses[i] = directions[i] == StudyDirection.Maximize ? -values[i] : values[i];
        }

        return losses;
    }

    /// <summary>Sum of the positive constraint values (NaN counts as infinitely violated); 0 when feasible.</summary>
    public static double Violation(Trial trial) =>
        trial.Constraints?.Sum(c => double.IsNaN(c) ? double.PositiveInfinity : Math.Max(0, c)) ?? 0;

    /// <summary>True when <paramref name="a"/> is no worse in every objective and better in at least one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var better = false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] > b[i])
            {
                return false;
            }

            better |= a[i] < b[i];
        }

        return better;
    }

    public static bool ConstrainedDominates(Candidate a, Candidate b)
    {
        var aFeasible = a.Violation <= 0;
        var bFeasible = b.Violation <= 0;
        if (aFeasible != bFeasible)
        {
            return aFeasible;
        }

        return aFeasible ? Dominates(a.Losses, b.Losses) : a.Violation < b.Violation;
    }

    /// <summary>Fronts of mutually non-dominated candidates, best first (Deb's fast non-dominated sort); indices into the list.</summary>
    public static List<List<int>> Sort(IReadOnlyList<Candidate> candidates)
    {
        var n = candidates.Count;
        var dominated = new List<int>[n];
        var dominatedBy = new int[n];
        var fronts = new List<List<int>> { new() };
        for (var i = 0; i < n; i++)
        {
            dominated[i] = [];
            for (var j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                if (ConstrainedDominates(candidates[i], candidates[j]))
                {
                    dominated[i].Add(j);
                }
                else if (ConstrainedDominates(candidates[j], candidates[i]))
                {
                    dominatedBy[i]++;
                }
            }

            if (dominatedBy[i] == 0)
            {
                fronts[0].Add(i);
            }
        }

        while (fronts[^1].Count > 0)
        {
            var next = new List<int>();
            foreach (var i in fronts[^1])
            {
                foreach (var j in dominated[i])
                {
                    if (--dominatedBy[j] == 0)
                    {
                        next.Add(j);
                    }
                }
            }

            next.Sort();
            fronts.Add(next);
        }

        fronts.RemoveAt(fronts.Count - 1);
        return fronts;
    }

    /// <summary>The completed trials on the first front (feasible ones only when any is feasible), in trial order.</summary>
    public static IReadOnlyList<Trial> ParetoFront(IEnumerable<Trial> trials, IReadOnlyList<StudyDirection> directions)
    {
        var candidates = Candidate.From(trials, directions);
        if (candidates.Count == 0)
        {
            return [];
        }

        var front = Sort(candidates)[0].Select(i => candidates[i].Trial).Where(t => t.IsFeasible).ToList();
        return [.. front.OrderBy(t => t.Number)];
    }
}
