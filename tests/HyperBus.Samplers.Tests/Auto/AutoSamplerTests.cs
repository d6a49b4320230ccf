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
        var choices = Choices(Options, Box(14), p => p.Values.Sum(v => Math.Abs((double)v - 0.3)), 34);
        Assert.Equal(Enumerable.Repeat("turbo", 30).Concat(Enumerable.Repeat("cmaes", 4)), choices);
    }

    [Fact]
    public void A_continuous_low_dimensional_study_moves_to_the_trust_region_after_enough_trials_per_dimension()
    {
        var options = new AutoOptions(LocalTrials: 50, LocalTrialsPerDimension: 15);
        Assert.Equal("gp", AutoPolicy.Choose(Box(3), 49, options));
        Assert.Equal("turbo", AutoPolicy.Choose(Box(3), 50, options));
        Assert.Equal("gp", AutoPolicy.Choose(Box(6), 89, options));
        Assert.Equal("turbo", AutoPolicy.Choose(Box(6), 90, options));
        Assert.Equal("gp", AutoPolicy.Choose(Box(3), 500, options with { LocalTrials = 0 }));
    }

    [Fact]
    public void A_parallel_study_stays_on_the_gp_whose_batches_account_for_each_other()
    {
        var options = new AutoOptions(LocalTrials: 50, LocalTrialsPerDimension: 15);
        Assert.Equal("turbo", AutoPolicy.Choose(Box(3), 500, options, inFlight: 1));
        Assert.Equal("gp", AutoPolicy.Choose(Box(3), 500, options, inFlight: 8));
        var space = Box(2);
        var history = Enumerable.Range(0, 60).Select(n => StudyHistory.Make(n, Random.RandomSampler.SampleOne(space, Core.Sampling.TrialRandom.For(2, n)), TrialState.Completed, n % 7)).ToList();
        var sampler = new AutoSampler(options, SamplerCatalog.Default, StudyDirection.Minimize);
        Assert.All(sampler.Plan(StudyHistory.View(space, history), 4), p => Assert.Equal("gp", p.Attributes[AutoSampler.ChoiceAttribute]));
        Assert.Equal("turbo", sampler.Plan(StudyHistory.View(space, history), 1).Single().Attributes[AutoSampler.ChoiceAttribute]);
        history.Add(StudyHistory.Make(60, Random.RandomSampler.SampleOne(space, Core.Sampling.TrialRandom.For(2, 60)), TrialState.Running, null));
        Assert.Equal("gp", sampler.Plan(StudyHistory.View(space, history), 1).Single().Attributes[AutoSampler.ChoiceAttribute]);
    }

    [Fact]
    public void Ints_steps_listed_values_and_conditions_keep_a_low_dimensional_study_on_the_gp()
    {
        var options = new AutoOptions(LocalTrials: 50);
        var withInt = SearchSpace.Create([new FloatParameter("x", 0, 1), new IntParameter("n", 1, 64, log: true)]);
        var stepped = SearchSpace.Create([new FloatParameter("x", 0, 1), new FloatParameter("y", 0, 1, step: 0.1)]);
        var listed = SearchSpace.Create([new FloatParameter("x", 0, 1), new FloatParameter("y", 0, 1, values: [0.1, 0.5, 0.9])]);
        var conditional = SearchSpace.Create(
        [
            new FloatParameter("x", 0, 1),
            new FloatParameter("y", 0, 1, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["x"] = [0.5] })),
        ]);
        Assert.All(new[] { withInt, stepped, listed, conditional }, space => Assert.Equal("gp", AutoPolicy.Choose(space, 500, options)));
    }

    [Fact]
    public void A_sequential_low_dimensional_study_hands_over_to_the_trust_region_mid_study()
    {
        var options = new AutoOptions(Seed: 3, LocalTrials: 20, LocalTrialsPerDimension: 5);
        var choices = Choices(options, Box(2), p => Math.Pow((double)p["x0"] - 0.3, 2) + Math.Pow((double)p["x1"] - 0.6, 2), 24);
        Assert.Equal(Enumerable.Repeat("gp", 20).Concat(Enumerable.Repeat("turbo", 4)), choices);
    }

    [Fact]
    public void After_the_hand_over_a_lucky_draw_under_noise_does_not_move_the_region()
    {
        // 60 noisy trials of a bowl and one lucky draw far from its minimum: auto's trust region centres on the
        // lowest posterior mean, so it refines near the bowl's minimum, not at the draw (TrustRegionSamplerTests has the sampler itself).
        var space = Box(2);
        var random = new System.Random(7);
        var history = new List<Trial>();
        for (var n = 0; n < 60; n++)
        {
            var p = Random.RandomSampler.SampleOne(space, Core.Sampling.TrialRandom.For(4, n));
            var value = Math.Pow((double)p["x0"] - 0.3, 2) + Math.Pow((double)p["x1"] - 0.6, 2) + (0.5 * (random.NextDouble() - 0.5));
            history.Add(StudyHistory.Make(n, p, TrialState.Completed, value));
        }

        history.Add(StudyHistory.Make(60, new ParameterSet(new Dictionary<string, object> { ["x0"] = 0.95, ["x1"] = 0.05 }), TrialState.Completed, -0.5));
        var sampler = new AutoSampler(new AutoOptions(Seed: 1, LocalTrials: 61, LocalTrialsPerDimension: 0), SamplerCatalog.Default, StudyDirection.Minimize);
        var plan = sampler.Plan(StudyHistory.View(space, history), 1).Single();
        Assert.Equal("turbo", plan.Attributes[AutoSampler.ChoiceAttribute]);
        var (x, y) = ((double)plan.Params["x0"], (double)plan.Params["x1"]);
        Assert.True(Math.Pow(x - 0.3, 2) + Math.Pow(y - 0.6, 2) < Math.Pow(x - 0.95, 2) + Math.Pow(y - 0.05, 2), $"({x}, {y}) is nearer the lucky draw");
    }

    [Fact]
    public void Every_second_sequential_trial_of_a_continuous_study_may_go_to_tpe()
    {
        var options = new AutoOptions(NoisyTpeEvery: 2);
        Assert.True(AutoPolicy.MayInterleaveTpe(Box(3), 11, options));
        Assert.False(AutoPolicy.MayInterleaveTpe(Box(3), 12, options));
        Assert.False(AutoPolicy.MayInterleaveTpe(Box(3), 11, options, inFlight: 4));
        Assert.False(AutoPolicy.MayInterleaveTpe(Box(3), 11, options with { NoisyTpeEvery = 0 }));
        Assert.True(AutoPolicy.MayInterleaveTpe(Box(3), 12, options with { NoisyTpeEvery = 1 }));
        var withInt = SearchSpace.Create([new FloatParameter("x", 0, 1), new IntParameter("n", 1, 64)]);
        Assert.False(AutoPolicy.MayInterleaveTpe(withInt, 11, options));
    }

    [Fact]
    public void Under_noise_the_gp_shares_a_study_with_tpe_and_without_noise_it_keeps_it()
    {
        var options = new AutoOptions(Seed: 2, LocalTrials: 0);
        var noise = new System.Random(5);
        double Bowl(ParameterSet p) => Math.Pow((double)p["x0"] - 0.3, 2) + Math.Pow((double)p["x1"] - 0.6, 2);
        var noisy = Choices(options, Box(2), p => Bowl(p) + (0.5 * (noise.NextDouble() - 0.5)), 40);
        var exact = Choices(options, Box(2), Bowl, 24);

        // The first ten trials are the GP's start-up design, before any fit; after it, TPE takes odd trials whenever
        // the fit sees the noise (most of them: a fit on a few dozen points can also read noise as a wiggle).
        Assert.Equal(Enumerable.Repeat("gp", 10), noisy.Take(10));
        var tpe = Enumerable.Range(0, noisy.Count).Where(n => noisy[n] == "tpe").ToList();
        Assert.All(tpe, n => Assert.Equal(1, n % 2));
        Assert.True(tpe.Count >= 10, $"TPE took {tpe.Count} of the 15 odd trials from 11 on: {string.Join(' ', noisy)}");
        Assert.All(exact, c => Assert.Equal("gp", c));
    }

    /// <summary>Runs a sequential study of <paramref name="trials"/> and returns the sampler each trial names.</summary>
    private static List<string> Choices(AutoOptions options, SearchSpace space, Func<ParameterSet, double> objective, int trials)
    {
        var sampler = new AutoSampler(options, SamplerCatalog.Default, StudyDirection.Minimize);
        var history = new List<Trial>();
        var choices = new List<string>();
        for (var n = 0; n < trials; n++)
        {
            var plan = sampler.Plan(StudyHistory.View(space, history), 1).Single();
            choices.Add(plan.Attributes[AutoSampler.ChoiceAttribute]);
            Assert.Empty(space.Validate(plan.Params));
            history.Add(StudyHistory.Make(n, plan.Params, TrialState.Completed, objective(plan.Params)));
        }

        return choices;
    }

    private static SearchSpace Box(int d) =>
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", 0, 1)));
}
