namespace HyperBus.Reporting.Importance;

/// <summary>Bagged regression trees (a random forest with every feature tried at each split, as Optuna's fANOVA configures scikit-learn's).</summary>
public sealed class RegressionForest
{
    private RegressionForest(IReadOnlyList<RegressionTree> trees)
    {
        Trees = trees;
    }

    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Fits <paramref name="trees"/> trees, each on a bootstrap sample; the same seed gives the same forest.</summary>
    public static RegressionForest Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int trees, int maxDepth, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException("a forest needs as many rows as targets, at least one", nameof(x));
        }

        var random = new Random(seed);
        var fitted = new List<RegressionTree>(trees);
        for (var t = 0; t < trees; t++)
        {
            var sample = new int[x.Count];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Next(x.Count);
            }

            fitted.Add(RegressionTree.Fit(x, y, sample, maxDepth, random));
        }

        return new RegressionForest(fitted);
    }

    public double Predict(IReadOnlyList<double> features) => Trees.Average(t => t.Predict(features));
}
