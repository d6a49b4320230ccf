using HyperBus.Core.Space;

namespace HyperBus.Client.Tests;

public sealed class DistributionTextTests
{
    private static readonly FloatParameter X = new("x", -1, 1);
    private static readonly IntParameter N = new("n", 1, 8, log: true);

    [Fact]
    public void The_text_is_what_ParameterDistribution_writes()
    {
        var text = new DistributionText();

        Assert.Equal(ParameterDistribution.Write([X, N]), text.For([X, N]));
        Assert.Equal(ParameterDistribution.Write([N]), text.For([N]));
        Assert.Equal(ParameterDistribution.Write([X, N]), text.For([X, N]));
    }

    [Fact]
    public void The_same_set_of_distributions_reuses_the_text()
    {
        var text = new DistributionText();

        var first = text.For([X, N]);

        Assert.Same(first, text.For([X, N]));
        Assert.NotSame(first, text.For([N, X]));
    }

    [Fact]
    public void An_equal_but_different_distribution_is_written_afresh()
    {
        var text = new DistributionText();
        var first = text.For([X]);

        var other = text.For([new FloatParameter("x", -1, 2)]);

        Assert.NotEqual(first, other);
        Assert.Contains("2", other, StringComparison.Ordinal);
    }
}
