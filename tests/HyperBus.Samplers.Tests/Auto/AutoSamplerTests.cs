using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Auto;

namespace HyperBus.Samplers.Tests.Auto;

/// <summary>auto's choice by space and trials so far, and that every trial names it.</summary>
public sealed class AutoSamplerTests
{
    private static readonly AutoOptions Options = new(ModelTrials: 30);

    [Fact]
    public void A_low_dimensional_space_goes_to_the_gp_mixed_or_conditional_alike()
    {
        Assert.Equal("gp", AutoPolicy.Choose(Box(6), 0, Options));
        var conditional = SearchSpace.Create(
        [
            new CategoricalParameter("branch", ["a", "b"]),
            new FloatParameter("x", 0, 1, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["branch"] = ["a"] })),
            new IntParameter("n", 0, 9),
        ]);
        Assert.Equal("gp", AutoPolicy.Choose(conditional, 500, Options));
    }

    [Fact]
    public void A_mostly_categorical_space_goes_to_tpe()
    {
        var space = SearchSpace.Create(
        [
            new CategoricalParameter("a", ["x", "y", "z"]),
            new CategoricalParameter("b", ["x", "y"]),
            new CategoricalParameter("c", ["x", "y", "z", "w"]),
            new FloatParameter("lr", 1e-4, 1, log: true),
        ]);
        Assert.Equal("tpe", AutoPolicy.Choose(space, 0, Options));
    }

    [Fact]
    public void A_high_dimensional_space_starts_on_the_trust_region_gp_and_moves_to_cmaes_on_long_runs()
    {
        Assert.Equal("turbo", AutoPolicy.Choose(Box(20), 29, Options));
        Assert.Equal("cmaes", AutoPolicy.Choose(Box(20), 30, Options));
        Assert.Equal("cmaes", AutoPolicy.Choose(Box(50), 0, Options));
    }

    [Fact]
    public void Every_trial_names_the_sampler_that_chose_it_and_the_switch_happens_mid_study()
    {
        var space = Box(14);
        var sampler = new AutoSampler(Options, SamplerCatalog.Default, StudyDirection.Minimize);
        var history = new List<Trial>();
        var choices = new List<string>();
        for (var n = 0; n < 34; n++)
        {
            var plan = sampler.Plan(StudyHistory.View(space, history), 1).Single();
            choices.Add(plan.Attributes[AutoSampler.ChoiceAttribute]);
            Assert.Empty(space.Validate(plan.Params));
            history.Add(StudyHistory.Make(n, plan.Params, TrialState.Completed, plan.Params.Values.Sum(v => Math.Abs((double)v - 0.3))));
        }

        Assert.Equal(Enumerable.Repeat("turbo", 30).Concat(Enumerable.Repeat("cmaes", 4)), choices);
    }

    private static SearchSpace Box(int d) =>
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", 0, 1)));
}
