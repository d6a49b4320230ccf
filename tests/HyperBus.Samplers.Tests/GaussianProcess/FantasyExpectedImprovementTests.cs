using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Tests.GaussianProcess;

/// <summary>The fantasy-averaged EI: its gradient is the derivative of its value, and a pending point's neighbourhood is worth less.</summary>
public sealed class FantasyExpectedImprovementTests
{
    [Fact]
    public void The_gradient_matches_finite_differences()
    {
        var (model, x, y) = SmallBowl.Observed();
        var fantasy = FantasyExpectedImprovement.Create(model, x, y, [[0.55, 0.5], [0.2, 0.8]], y.Min(), 16, new System.Random(5));
        double[] point = [0.45, 0.62];

        var gradient = new double[2];
        fantasy.LogValue(point, gradient);

        for (var j = 0; j < 2; j++)
        {
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            var numeric = (fantasy.LogValue(up, null) - fantasy.LogValue(down, null)) / 2e-6;
            Assert.Equal(numeric, gradient[j], 4);
        }
    }

    [Fact]
    public void Next_to_a_pending_point_the_acquisition_drops_and_far_away_it_barely_moves()
    {
        var (model, x, y) = SmallBowl.Observed();
        double[] pending = [0.55, 0.5];
        var fantasy = FantasyExpectedImprovement.Create(model, x, y, [pending], y.Min(), 32, new System.Random(7));
        double[] near = [0.56, 0.51];
        double[] far = [0.05, 0.95];

        double Plain(double[] p)
        {
            var (mean, variance) = model.Predict(p);
            return LogExpectedImprovement.Value(y.Min(), mean, variance, null, null, null);
        }

        Assert.True(fantasy.LogValue(near, null) < Plain(near) - 1, $"{fantasy.LogValue(near, null)} vs {Plain(near)}");
        Assert.True(Math.Abs(fantasy.LogValue(far, null) - Plain(far)) < Math.Abs(fantasy.LogValue(near, null) - Plain(near)) / 4);
    }
}
