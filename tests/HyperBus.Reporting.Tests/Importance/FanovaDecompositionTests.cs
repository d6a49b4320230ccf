using HyperBus.Reporting.Importance;

namespace HyperBus.Reporting.Tests.Importance;

public sealed class FanovaDecompositionTests
{
    [Fact]
    public void An_additive_tree_splits_its_variance_by_each_features_own_effect()
    {
        // Two features on a 2 x 2 grid of leaves: f = 2 [x0 > 0.5] + 1 [x1 > 0.5]. Var(main x0) = 1, Var(main x1) = 0.25, total 1.25.
        LeafBox Leaf(double x0, double x1, double value) => new([x0, x1], [x0 + 0.5, x1 + 0.5], value);
        var leaves = new[] { Leaf(0, 0, 0), Leaf(0.5, 0, 2), Leaf(0, 0.5, 1), Leaf(0.5, 0.5, 3) };

        var shares = FanovaDecomposition.MainEffects(leaves, 2)!;

        Assert.Equal(0.8, shares[0], 12);
        Assert.Equal(0.2, shares[1], 12);
    }

    [Fact]
    public void A_pure_interaction_has_no_main_effects_and_a_constant_tree_no_variance()
    {
        LeafBox Leaf(double x0, double x1, double value) => new([x0, x1], [x0 + 0.5, x1 + 0.5], value);
        var xor = new[] { Leaf(0, 0, 0), Leaf(0.5, 0, 1), Leaf(0, 0.5, 1), Leaf(0.5, 0.5, 0) };

        var shares = FanovaDecomposition.MainEffects(xor, 2)!;

        Assert.Equal(0, shares[0], 12);
        Assert.Equal(0, shares[1], 12);
        Assert.Null(FanovaDecomposition.MainEffects([new LeafBox([0.0], [1.0], 3)], 1));
    }

    [Fact]
    public void A_fitted_tree_reproduces_its_training_data_and_partitions_the_unit_cube()
    {
        double[][] x = [[0.1, 0.9], [0.4, 0.2], [0.6, 0.5], [0.9, 0.1]];
        double[] y = [1, 2, 3, 4];

        var tree = RegressionTree.Fit(x, y, [0, 1, 2, 3], maxDepth: 64, new Random(1));

        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i], tree.Predict(x[i]));
        }

        Assert.Equal(4, tree.LeafCount);
        Assert.Equal(1.0, tree.Leaves().Sum(l => l.Volume), 12);
    }
}
