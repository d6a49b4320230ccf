namespace HyperBus.Reporting.Importance;

/// <summary>
/// A CART regression tree on features in [0, 1]: each split is the threshold, midway between two seen values,
/// that most reduces the squared error; grown until leaves are pure, hold one sample or reach the depth limit
/// (scikit-learn's defaults for the forest Optuna's fANOVA uses).
/// </summary>
public sealed class RegressionTree
{
    private readonly List<Node> _nodes = [];
    private readonly int _dimensions;

    private RegressionTree(int dimensions)
    {
        _dimensions = dimensions;
    }

    public int LeafCount => _nodes.Count(n => n.Feature < 0);

    /// <summary>Fits the rows <paramref name="sample"/> (repeats allowed, as in a bootstrap) of <paramref name="x"/>; <paramref name="random"/> breaks ties between equally good features.</summary>
    public static RegressionTree Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, IReadOnlyList<int> sample, int maxDepth, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sample.Count);
        var tree = new RegressionTree(x[0].Length);
        tree.Grow(x, y, sample.ToArray(), 0, maxDepth, random);
        return tree;
    }

    public double Predict(IReadOnlyList<double> features)
    {
        var node = _nodes[0];
        while (node.Feature >= 0)
        {
            node = _nodes[features[node.Feature] <= node.Threshold ? node.Left : node.Right];
        }

        return node.Value;
    }

    /// <summary>The leaves as boxes that partition the unit cube.</summary>
    public IReadOnlyList<LeafBox> Leaves()
    {
        var leaves = new List<LeafBox>();
        Collect(0, Enumerable.Repeat(0.0, _dimensions).ToArray(), Enumerable.Repeat(1.0, _dimensions).ToArray(), leaves);
        return leaves;
    }

    private void Collect(int index, double[] low, double[] high, List<LeafBox> leaves)
    {
        var node = _nodes[index];
        if (node.Feature < 0)
        {
            leaves.Add(new LeafBox((double[])low.Clone(), (double[])high.Clone(), node.Value));
            return;
        }

        var f = node.Feature;
        var (oldLow, oldHigh) = (low[f], high[f]);
        high[f] = Math.Min(oldHigh, node.Threshold);
        Collect(node.Left, low, high, leaves);
        high[f] = oldHigh;
        low[f] = Math.Max(oldLow, node.Threshold);
        Collect(node.Right, low, high, leaves);
        low[f] = oldLow;
    }

    private int Grow(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int[] rows, int depth, int maxDepth, Random random)
    {
        var index = _nodes.Count;
        var mean = rows.Average(r => y[r]);
        _nodes.Add(Node.Leaf(mean));
        if (rows.Length < 2 || depth >= maxDepth || rows.All(r => y[r] == y[rows[0]]) || FindSplit(x, y, rows, random) is not { } split)
        {
            return index;
        }

        var left = rows.Where(r => x[r][split.Feature] <= split.Threshold).ToArray();
        var right = rows.Where(r => x[r][split.Feature] > split.Threshold).ToArray();
        var l = Grow(x, y, left, depth + 1, maxDepth, random);
        var r = Grow(x, y, right, depth + 1, maxDepth, random);
        _nodes[index] = new Node(split.Feature, split.Threshold, l, r, mean);
        return index;
    }

    private (int Feature, double Threshold)? FindSplit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, int[] rows, Random random)
    {
        double total = rows.Sum(r => y[r]);
        var bestGain = 1e-12;
        (int, double)? best = null;
        var features = Enumerable.Range(0, _dimensions).ToArray();
        random.Shuffle(features);
        foreach (var f in features)
        {
            var sorted = rows.OrderBy(r => x[r][f]).ToArray();
            double leftSum = 0;
            for (var i = 1; i < sorted.Length; i++)
            {
                leftSum += y[sorted[i - 1]];
                var (a, b) = (x[sorted[i - 1]][f], x[sorted[i]][f]);
                if (a == b)
                {
                    continue;
                }

                // Maximising sum^2/n over both sides is minimising their squared error.
                var rightSum = total - leftSum;
                var gain = (leftSum * leftSum / i) + (rightSum * rightSum / (sorted.Length - i)) - (total * total / sorted.Length);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = (f, (a + b) / 2);
                }
            }
        }

        return best;
    }

    private readonly record struct Node(int Feature, double Threshold, int Left, int Right, double Value)
    {
        public static Node Leaf(double value) => new(-1, 0, -1, -1, value);
    }
}
