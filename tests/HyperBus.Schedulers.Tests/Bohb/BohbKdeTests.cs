using HyperBus.Core.Space;
using HyperBus.Schedulers.Bohb;

namespace HyperBus.Schedulers.Tests.Bohb;

/// <summary>The product-kernel density: normal-reference bandwidths, Gaussian and Aitchison-Aitken kernels, truncated sampling.</summary>
public sealed class BohbKdeTests
{
    private static readonly BohbAxis X = BohbAxis.For(new FloatParameter("x", 0, 1));
    private static readonly BohbAxis Kernel = BohbAxis.For(new CategoricalParameter("k", ["a", "b", "c"]));

    [Fact]
    public void Bandwidths_follow_the_normal_reference_rule_with_a_floor()
    {
        double[][] data = [[0.1], [0.3], [0.5], [0.7]];
        var kde = new BohbKde([X], data, minBandwidth: 1e-3);
        var sd = Math.Sqrt(new[] { 0.1, 0.3, 0.5, 0.7 }.Sum(v => (v - 0.4) * (v - 0.4)) / 4);
        Assert.Equal(1.06 * sd * Math.Pow(4, -1.0 / 5), kde.Bandwidths[0], 12);

        var collapsed = new BohbKde([X], [[0.5], [0.5]], minBandwidth: 0.05);
        Assert.Equal(0.05, collapsed.Bandwidths[0]);
    }

    [Fact]
    public void A_single_kernel_is_a_normal_density()
    {
        var kde = new BohbKde([X], [[0.5]], minBandwidth: 0.2);
        var expected = -0.5 * Math.Pow(0.1 / 0.2, 2) - Math.Log(0.2 * Math.Sqrt(2 * Math.PI));
        Assert.Equal(expected, kde.LogPdf([0.6]), 12);
    }

    [Fact]
    public void A_categorical_kernel_keeps_one_minus_the_bandwidth_on_the_observed_choice()
    {
        var kde = new BohbKde([Kernel], [[0], [0], [1]], minBandwidth: 1e-3);
        var bw = kde.Bandwidths[0];
        Assert.InRange(bw, 1e-3, 2.0 / 3);
        Assert.Equal(((2 * (1 - bw)) + (bw / 2)) / 3, Math.Exp(kde.LogPdf([0])), 12);
        Assert.Equal(((2 * (bw / 2)) + (bw / 2)) / 3, Math.Exp(kde.LogPdf([2])), 12);
    }

    [Fact]
    public void Samples_stay_in_the_unit_interval_and_widen_with_the_bandwidth_factor()
    {
        var kde = new BohbKde([X], [[0.5]], minBandwidth: 0.05);
        var random = new Random(3);
        var narrow = Enumerable.Range(0, 2000).Select(_ => kde.Sample(random, 1)[0]).ToList();
        var wide = Enumerable.Range(0, 2000).Select(_ => kde.Sample(random, 3)[0]).ToList();
        Assert.All(narrow.Concat(wide), v => Assert.InRange(v, 0, 1));
        Assert.InRange(Sd(narrow), 0.045, 0.055);
        Assert.InRange(Sd(wide), 0.135, 0.165);
    }

    private static double Sd(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
