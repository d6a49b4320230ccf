using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Common;

/// <summary>Orders a study's finished trials from best to worst, the way Optuna's TPE ranks them.</summary>
/// <remarks>
/// Completed trials come first by loss; pruned trials follow, those stopped later first and then by their
/// last report, because a trial that survived longer says more about its configuration; infeasible trials
/// (a positive constraint value) come last, least violating first. Failed trials carry no information
/// about the objective and are left out.
/// </remarks>
public static class TrialRanking
{
    /// <summary>Completed and pruned trials in trial-number order, each with its rank key.</summary>
    public static List<ScoredTrial> Score(StudyView study)
    {
        var result = new List<ScoredTrial>();
        foreach (var t in study.Trials)
        {
            switch (t.State)
            {
                // Optuna's constrained TPE: infeasible trials rank after every other, by total violation.
                case TrialState.Completed or TrialState.Pruned when !t.IsFeasible:
                    result.Add(new ScoredTrial(t, InfeasibleTier, Violation(t)));
                    break;
                case TrialState.Completed when t.Value is { } v:
                    result.Add(new ScoredTrial(t, double.NegativeInfinity, Loss(study, v)));
                    break;
                case TrialState.Pruned when t.LastReport is { } last:
                    result.Add(new ScoredTrial(t, -last.Step, Loss(study, last.Value)));
                    break;
                case TrialState.Pruned when t.Value is { } v:
                    result.Add(new ScoredTrial(t, -1, Loss(study, v)));
                    break;
                case TrialState.Pruned:
                    result.Add(new ScoredTrial(t, 1, 0));
                    break;
                default:
                    break;
            }
        }

        return result;
    }

    /// <summary>Indices into <paramref name="scored"/>, best first; ties keep trial order.</summary>
    public static int[] BestFirst(IReadOnlyList<ScoredTrial> scored)
    {
        var order = Enumerable.Range(0, scored.Count).ToArray();
        // A stable sort, so equal trials keep their chronological order as in Optuna.
        return [.. order.OrderBy(i => scored[i].Tier).ThenBy(i => scored[i].Loss)];
    }

    private const double InfeasibleTier = 2;

    private static double Violation(Trial t) => t.Constraints!.Sum(c => double.IsNaN(c) ? double.PositiveInfinity : Math.Max(0, c));

    private static double Loss(StudyView study, double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : study.ToLoss(value);
}
