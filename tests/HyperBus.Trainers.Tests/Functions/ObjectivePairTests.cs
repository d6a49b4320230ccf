using System.Text.Json;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.Functions;

namespace HyperBus.Trainers.Tests.Functions;

/// <summary>ZDT1 and ZDT2 through the <c>function</c> trainer: both objectives come back, on the known front where x1.. are 0.</summary>
public sealed class ObjectivePairTests
{
    [Theory]
    [InlineData("zdt1", 0.25, 0.5)]      // 1 - sqrt(0.25)
    [InlineData("zdt2", 0.5, 0.75)]      // 1 - 0.5^2
    public void On_the_front_the_second_objective_is_the_front_shape(string name, double x0, double expected)
    {
        var result = FunctionTrainer.Train(Params(name, x0, 0, 0));

        Assert.Equal([x0, expected], result.Values!.ToArray());
        Assert.Equal(x0, result.Value);
        Assert.Equal(expected, ObjectivePairs.Create(name, 3)!.Front(x0), 12);
    }

    [Fact]
    public void Off_the_front_g_lifts_the_second_objective()
    {
        // x = (0.25, 1, 0): g = 1 + 9 * 0.5 = 5.5, f2 = 5.5 * (1 - sqrt(0.25 / 5.5)).
        var values = FunctionTrainer.Train(Params("zdt1", 0.25, 1, 0)).Values!;

        Assert.Equal(5.5 * (1 - Math.Sqrt(0.25 / 5.5)), values[1], 12);
        Assert.True(values[1] > ObjectivePairs.Zdt1(3).Front(0.25));
    }

    [Fact]
    public void A_single_objective_function_still_returns_one_value()
    {
        var result = FunctionTrainer.Train(Params("branin", Math.PI, 2.275));

        Assert.Null(result.Values);
        Assert.Equal(0.397887, result.Value, 5);
    }

    [Fact]
    public void Zdt_needs_two_coordinates()
    {
        var e = Assert.Throws<TrialFailedException>(() => FunctionTrainer.Train(Params("zdt1", 0.5)));
        Assert.Contains("at least 2", e.Message, StringComparison.Ordinal);
    }

    private static TrialParameters Params(string function, params double[] x)
    {
        var values = x.Select((v, i) => ($"x{i}", JsonSerializer.SerializeToElement(v))).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        values["function"] = JsonSerializer.SerializeToElement(function);
        return new TrialParameters(values);
    }
}
