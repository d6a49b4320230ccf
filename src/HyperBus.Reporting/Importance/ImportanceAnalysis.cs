using HyperBus.Reporting.Analysis;

namespace HyperBus.Reporting.Importance;

/// <summary>
/// Parameter importances as Optuna's default evaluator computes them: fANOVA main effects of a random forest
/// (64 trees, depth 64) fitted to the completed trials, averaged over the trees and normalised to sum to 1.
/// Only parameters every completed trial has are assessed (Optuna's intersection search space).
/// </summary>
public static class ImportanceAnalysis
{
    public const int DefaultTrees = 64;
    public const int DefaultMaxDepth = 64;

    /// <summary>Importances, largest first; empty with fewer than two completed trials or no parameter in common.</summary>
    public static IReadOnlyList<ParameterImportance> Compute(StudySnapshot study, int seed = 0, int trees = DefaultTrees, int maxDepth = DefaultMaxDepth)
    {
        var completed = study.Completed;
        var names = study.ParameterNames.Where(n => completed.All(t => t.Params.ContainsKey(n))).ToList();
        if (completed.Count < 2 || names.Count == 0)
        {
            return [];
        }

        var axes = names.Select(n => ParameterAxis.For(n, study.Space, completed, useSpecBounds: true)).ToList();
        var x = completed.Select(t => axes.Select(a => a.Normalize(t.Params[a.Name])).ToArray()).ToList();
        var y = completed.Select(t => t.Value!.Value).ToList();
        return Compute(names, x, y, seed, trees, maxDepth);
    }

    /// <summary>Importances of features already scaled to [0, 1].</summary>
    public static IReadOnlyList<ParameterImportance> Compute(IReadOnlyList<string> names, IReadOnlyList<double[]> x, IReadOnlyList<double> y, int seed, int trees = DefaultTrees, int maxDepth = DefaultMaxDepth)
    {
        var forest = RegressionForest.Fit(x, y, trees, maxDepth, seed);
        var sums = new double[names.Count];
        foreach (var tree in forest.Trees)
        {
            if (FanovaDecomposition.MainEffects(tree.Leaves(), names.Count) is { } shares)
            {
                for (var j = 0; j < shares.Length; j++)
                {
                    sums[j] += shares[j];
                }
            }
        }

        var total = sums.Sum();
        return names.Select((n, j) => new ParameterImportance(n, total > 0 ? sums[j] / total : 0))
            .OrderByDescending(p => p.Importance).ThenBy(p => p.Parameter, StringComparer.Ordinal).ToList();
    }
}
