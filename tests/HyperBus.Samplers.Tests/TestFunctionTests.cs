using System.Text.Json;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.Functions;

namespace HyperBus.Samplers.Tests;

/// <summary>The test functions reach their published minima where the literature says, and the trainer reads them by name.</summary>
public sealed class TestFunctionTests
{
    public static TheoryData<string, int> Functions => new()
    {
        { "branin", 2 }, { "hartmann6", 6 }, { "rosenbrock", 5 }, { "ackley", 10 }, { "levy", 10 }, { "styblinski-tang", 10 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_minimum_is_reached_at_the_minimizer(string name, int d)
    {
        var f = TestFunctions.Create(name, d)!;
        Assert.Equal(d, f.Dimensions);
        Assert.Equal(f.Minimum, f.Evaluate(f.Minimizer), 4);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Nearby_and_random_points_are_worse(string name, int d)
    {
        var f = TestFunctions.Create(name, d)!;
        var random = new System.Random(1);
        for (var k = 0; k < 200; k++)
        {
            var x = Enumerable.Range(0, d).Select(i => f.Lower[i] + (random.NextDouble() * (f.Upper[i] - f.Lower[i]))).ToArray();
            Assert.True(f.Evaluate(x) >= f.Minimum - 1e-9);
        }

        var shifted = f.Minimizer.Select((v, i) => Math.Min(v + (0.01 * (f.Upper[i] - f.Lower[i])), f.Upper[i])).ToArray();
        Assert.True(f.Evaluate(shifted) > f.Minimum);
    }

    [Fact]
    public void Branin_has_all_three_minima() =>
        Assert.All(new[] { new[] { -Math.PI, 12.275 }, [Math.PI, 2.275], [9.42478, 2.475] },
            x => Assert.Equal(0.397887, TestFunctions.Branin().Evaluate(x), 5));

    [Fact]
    public void The_trainer_evaluates_the_named_function_at_x0_x1()
    {
        var value = FunctionTrainer.Evaluate(Params(("function", "branin"), ("x0", Math.PI), ("x1", 2.275)));
        Assert.Equal(0.397887, value, 5);
        Assert.Equal("function", FunctionTrainer.Kind);
    }

    [Fact]
    public void An_unknown_function_fails_the_trial_with_its_name()
    {
        var e = Assert.Throws<TrialFailedException>(() => FunctionTrainer.Evaluate(Params(("function", "nope"), ("x0", 1.0))));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("branin", e.Message, StringComparison.Ordinal);
    }

    private static TrialParameters Params(params (string Name, object Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value), StringComparer.Ordinal));
}
