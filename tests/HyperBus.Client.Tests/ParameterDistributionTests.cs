using HyperBus.Core.Space;

namespace HyperBus.Client.Tests;

/// <summary>AreSame compares numeric distributions without formatting them; it must agree with their descriptions.</summary>
public sealed class ParameterDistributionTests
{
    public static TheoryData<Parameter, Parameter> Pairs => new()
    {
        { new FloatParameter("a", 0, 1), new FloatParameter("a", 0, 1) },
        { new FloatParameter("a", 0, 1), new FloatParameter("a", 0, 2) },
        { new FloatParameter("a", 0, 1), new FloatParameter("a", -0.0, 1) },
        { new FloatParameter("a", 1e-3, 1, log: true), new FloatParameter("a", 1e-3, 1) },
        { new FloatParameter("a", 0, 1, step: 0.1), new FloatParameter("a", 0, 1, step: 0.1) },
        { new FloatParameter("a", 0, 1, step: 0.1), new FloatParameter("a", 0, 1, step: 0.2) },
        { new FloatParameter("a", 0, 1, step: 0.1), new FloatParameter("a", 0, 1) },
        { new IntParameter("a", 1, 8), new IntParameter("a", 1, 8) },
        { new IntParameter("a", 1, 8), new IntParameter("a", 1, 8, log: true) },
        { new IntParameter("a", 1, 8, step: 2), new IntParameter("a", 1, 8) },
        { new IntParameter("a", 1, 8), new IntParameter("a", 2, 8) },
        { new IntParameter("a", 0, 1), new FloatParameter("a", 0, 1) },
        { new CategoricalParameter("a", ["x", 3L]), new CategoricalParameter("a", ["x", 3.0]) },
        { new CategoricalParameter("a", ["x", 3L]), new CategoricalParameter("a", ["x", 4L]) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Same_means_the_same_description(Parameter a, Parameter b)
    {
        var described = a.GetType() == b.GetType() && ParameterDistribution.Describe(a) == ParameterDistribution.Describe(b);

        Assert.Equal(described, ParameterDistribution.AreSame(a, b));
        Assert.Equal(described, ParameterDistribution.AreSame(b, a));
    }
}
