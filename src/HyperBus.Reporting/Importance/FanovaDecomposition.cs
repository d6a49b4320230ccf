namespace HyperBus.Reporting.Importance;

/// <summary>
/// fANOVA main effects of a regression tree (Hutter et al. 2014): under the uniform measure on the unit
/// cube, the share of the tree's variance explained by each feature alone, i.e. the variance of the
/// feature's marginal (the prediction averaged over every other feature) over the total variance.
/// </summary>
public static class FanovaDecomposition
{
    /// <summary>Each feature's share of the tree's variance; null when the tree is constant (no variance to share).</summary>
    public static double[]? MainEffects(IReadOnlyList<LeafBox> leaves, int dimensions)
    {
        var volumes = leaves.Select(l => l.Volume).ToArray();
        var mean = leaves.Select((l, i) => volumes[i] * l.Value).Sum();
        var total = leaves.Select((l, i) => volumes[i] * (l.Value - mean) * (l.Value - mean)).Sum();
        if (total <= 1e-12 * Math.Max(1, mean * mean))
        {
            return null;
        }

        var shares = new double[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            shares[j] = MarginalVariance(leaves, volumes, j, mean) / total;
        }

        return shares;
    }

    /// <summary>
    /// The marginal of feature j is piecewise constant between the leaves' edges on j; a leaf adds its value times
    /// its volume in the other features to every piece it spans, accumulated with a sweep over the edges.
    /// </summary>
    private static double MarginalVariance(IReadOnlyList<LeafBox> leaves, double[] volumes, int j, double mean)
    {
        var edges = leaves.SelectMany(l => new[] { l.Low[j], l.High[j] }).Distinct().Order().ToArray();
        var delta = new double[edges.Length];
        for (var i = 0; i < leaves.Count; i++)
        {
            var width = leaves[i].High[j] - leaves[i].Low[j];
            if (width <= 0)
            {
                continue;
            }

            var contribution = leaves[i].Value * volumes[i] / width;
            delta[Array.BinarySearch(edges, leaves[i].Low[j])] += contribution;
            delta[Array.BinarySearch(edges, leaves[i].High[j])] -= contribution;
        }

        double variance = 0, marginal = 0;
        for (var k = 0; k < edges.Length - 1; k++)
        {
            marginal += delta[k];
            variance += (edges[k + 1] - edges[k]) * (marginal - mean) * (marginal - mean);
        }

        return variance;
    }
}
