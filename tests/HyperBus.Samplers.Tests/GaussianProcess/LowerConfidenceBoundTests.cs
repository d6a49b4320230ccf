using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Tests.GaussianProcess;

/// <summary>The lower confidence bound of the later batch points: its gradient, and what κ trades.</summary>
public sealed class LowerConfidenceBoundTests
{
    private static double Value(GaussianProcessModel model, double kappa, double[] point, double[]? gradient)
    {
        var dMean = new double[2];
        var dVar = new double[2];
        var (mean, variance) = model.Predict(point, dMean, dVar);
        return LowerConfidenceBound.Value(kappa, mean, variance, dMean, dVar, gradient);
    }

    [Fact]
    public void The_gradient_matches_finite_differences()
    {
        var (model, _, _) = SmallBowl.Observed();
        double[] point = [0.45, 0.62];
        var gradient = new double[2];
        Value(model, 1.5, point, gradient);

        for (var j = 0; j < 2; j++)
        {
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            var numeric = (Value(model, 1.5, up, null) - Value(model, 1.5, down, null)) / 2e-6;
            Assert.Equal(numeric, gradient[j], 5);
        }
    }

    [Fact]
    public void Without_exploration_it_prefers_the_low_mean_and_with_it_the_unexplored_corner()
    {
        var (model, _, _) = SmallBowl.Observed();
        double[] nearBest = [0.58, 0.52];
        double[] corner = [0.05, 0.95];

        Assert.True(Value(model, 0, nearBest, null) > Value(model, 0, corner, null));
        Assert.True(Value(model, 4, corner, null) > Value(model, 4, nearBest, null));
    }

    [Fact]
    public void The_believer_keeps_the_mean_and_shrinks_the_variance_at_a_pending_point()
    {
        var (model, x, y) = SmallBowl.Observed();
        double[] pending = [0.2, 0.85];

        var believer = BatchConfidenceBounds.Believer(model, x, y, [pending]);

        var (mean, variance) = model.Predict(pending);
        var (believedMean, believedVariance) = believer.Predict(pending);
        Assert.Equal(mean, believedMean, 6);
        Assert.True(believedVariance < variance / 100, $"{believedVariance} vs {variance}");
    }
}
