using HyperBus.Core.Space;
using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Tests;

/// <summary>The GP's output warping: log-like for heavy right tails, the identity otherwise, always monotone.</summary>
public sealed class LossWarpingTests
{
    private static readonly SearchSpace Rosenbrock4 =
        SearchSpace.Create(Enumerable.Range(0, 4).Select(i => (Parameter)new FloatParameter($"x{i}", -5, 10)));

    [Fact]
    public void Losses_spanning_orders_of_magnitude_get_a_log()
    {
        var losses = Enumerable.Range(0, 60).Select(i => Math.Pow(10, i / 10.0)).ToArray();
        var median = Median([.. losses.Select(v => v - 1)]);

        var warped = LossWarping.Apply(losses);

        Assert.Equal(losses.Select(v => Math.Log(1 + ((v - 1) / median))), warped, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.True(Spread(warped) < Spread(losses) / 50, $"{Spread(warped)} vs {Spread(losses)}");
    }

    [Fact]
    public void Losses_with_a_few_outstanding_best_values_are_only_rescaled()
    {
        // Hartmann-like: most values near 0, a few far below; the warp must not change the standardised losses.
        var losses = Enumerable.Range(0, 40).Select(i => i < 4 ? -3 + (0.1 * i) : -0.01 * i).ToArray();

        var warped = LossWarping.Apply(losses);

        Assert.Equal(Standardise(losses), Standardise(warped), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Warping_keeps_the_order_of_the_losses()
    {
        var random = new System.Random(4);
        var losses = Enumerable.Range(0, 50).Select(_ => Math.Exp(8 * random.NextDouble()) - 300).ToArray();

        var warped = LossWarping.Apply(losses);

        var order = Enumerable.Range(0, 50).OrderBy(i => losses[i]).ToArray();
        Assert.Equal(order, Enumerable.Range(0, 50).OrderBy(i => warped[i]).ToArray());
        Assert.All(warped, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Equal_losses_are_left_alone()
    {
        Assert.Equal([2.0, 2.0, 2.0], LossWarping.Apply([2.0, 2.0, 2.0]));
    }

    [Fact]
    public void The_gp_on_a_heavy_tailed_objective_is_reproducible_and_in_bounds()
    {
        var first = StudyHistory.Run(new GpSampler(new GpSamplerOptions(7, Candidates: 128)), Rosenbrock4, Rosenbrock, 25);
        var second = StudyHistory.Run(new GpSampler(new GpSamplerOptions(7, Candidates: 128)), Rosenbrock4, Rosenbrock, 25);

        Assert.Equal(first.Select(t => t.Params), second.Select(t => t.Params));
        Assert.All(first, t => Assert.Empty(Rosenbrock4.Validate(t.Params)));
    }

    private static double Rosenbrock(ParameterSet p)
    {
        var x = Enumerable.Range(0, 4).Select(i => NumericParameter.AsDouble(p[$"x{i}"])).ToArray();
        return Enumerable.Range(0, 3).Sum(i => (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2));
    }

    private static double Spread(double[] v) => (v.Max() - v.Min()) / Median(v.Select(x => x - v.Min()).ToArray());

    private static double Median(double[] v) => v.Order().ElementAt(v.Length / 2);

    private static double[] Standardise(double[] v)
    {
        var mean = v.Average();
        var std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length);
        return [.. v.Select(x => (x - mean) / std)];
    }
}
