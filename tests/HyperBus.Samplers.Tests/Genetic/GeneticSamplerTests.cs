using System.Globalization;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Genetic;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Tests.Genetic;

public sealed class GeneticSamplerTests
{
    private static readonly SearchSpace Mixed = SearchSpace.Create(
    [
        new FloatParameter("f", -3, 5),
        new FloatParameter("lr", 1e-5, 1e-1, log: true),
        new IntParameter("n", 1, 9),
        new IntParameter("even", 0, 20, step: 4),
        new CategoricalParameter("act", ["relu", "tanh", "gelu"]),
        new IntParameter("degree", 2, 5, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["act"] = ["tanh"] })),
    ]);

    [Theory]
    [InlineData("sbx")]
    [InlineData("blend")]
    public void Every_child_stays_in_the_space_over_many_generations(string crossover)
    {
        var sampler = new GeneticSampler(new GeneticOptions(3, PopulationSize: 10, Crossover: crossover, MutationProbability: 0.5));
        var history = PopulationRun.Run(sampler, Mixed, p => p.GetDouble("f") + p.GetDouble("n"), generations: 15, size: 10);
        Assert.All(history, t => Assert.Empty(Mixed.Validate(t.Params)));
        // Values at the ends of the ranges are reachable, not only the interior.
        Assert.Contains(history, t => t.Params.GetDouble("f") < -2.5);
        Assert.Contains(history, t => t.Params.ContainsKey("degree"));
    }

    [Fact]
    public void The_population_best_improves_over_generations_on_a_sphere()
    {
        var space = PopulationRun.SphereSpace(6);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var history = PopulationRun.Run(new GeneticSampler(new GeneticOptions(seed)), space, PopulationRun.Sphere, generations: 15, size: 20);
            var best = PopulationRun.BestPerGeneration(history, 20);
            var median = PopulationRun.MedianPerGeneration(history, 20);
            Assert.True(best[^1] < best[0] / 20, $"seed {seed}: generation bests {string.Join(", ", best.Select(b => b.ToString("G3", CultureInfo.InvariantCulture)))}");
            // The whole population moves, not one lucky member: the last generation's median beats the first one's best.
            Assert.True(median[^1] < best[0], $"seed {seed}: median {median[^1]} vs first best {best[0]}");
        }
    }

    [Fact]
    public void It_beats_random_search_with_the_same_trials_on_a_sphere()
    {
        var space = PopulationRun.SphereSpace(6);
        double Best(Core.Sampling.ISampler s) => StudyHistory.Run(s, space, PopulationRun.Sphere, 300).Min(t => t.Value!.Value);
        var ga = new[] { 1, 2, 3 }.Select(s => Best(new GeneticSampler(new GeneticOptions(s)))).Order().ElementAt(1);
        var random = new[] { 1, 2, 3 }.Select(s => Best(new RandomSampler(new RandomSamplerOptions(s)))).Order().ElementAt(1);
        Assert.True(ga < random / 5, $"ga {ga}, random {random}");
    }

    [Fact]
    public void Children_record_their_generation_and_parents_from_the_pool()
    {
        var space = PopulationRun.SphereSpace(3);
        var history = PopulationRun.Run(new GeneticSampler(new GeneticOptions(4, PopulationSize: 8)), space, PopulationRun.Sphere, generations: 4, size: 8);
        foreach (var t in history)
        {
            Assert.Equal(t.Number / 8, int.Parse(t.Attributes[TrialAttributeKeys.Generation], CultureInfo.InvariantCulture));
            var parents = t.Attributes[GeneticSampler.ParentsAttribute];
            if (t.Number < 8)
            {
                Assert.Equal("", parents);
                continue;
            }

            // Parents come from earlier generations only (the barrier's promise), and are two members.
            var numbers = parents.Split(',').Select(int.Parse).ToArray();
            Assert.Equal(2, numbers.Length);
            Assert.All(numbers, n => Assert.True(n < t.Number / 8 * 8));
        }
    }

    [Fact]
    public void Failed_and_pruned_members_are_never_chosen_over_completed_ones_when_the_pool_is_full()
    {
        var space = PopulationRun.SphereSpace(2);
        var sampler = new GeneticSampler(new GeneticOptions(5, PopulationSize: 4, TournamentSize: 4, Elites: 1));
        var g0 = sampler.Plan(StudyHistory.View(space, []), 4);
        var history = new List<Trial>
        {
            StudyHistory.Make(0, g0[0].Params, TrialState.Failed, null),
            StudyHistory.Make(1, g0[1].Params, TrialState.Completed, 3),
            StudyHistory.Make(2, g0[2].Params, TrialState.Pruned, 0.1, [new TrialReport(1, 0.1)]),
            StudyHistory.Make(3, g0[3].Params, TrialState.Completed, 2),
        };
        // A tournament as large as the pool always picks its best: completed 3, then completed 1 over
        // pruned 2 (even though 2 reported a lower value); failed 0 never enters the pool.
        var plans = sampler.Plan(StudyHistory.View(space, history), 4);
        Assert.All(plans, p => Assert.Equal("3,1", p.Attributes[GeneticSampler.ParentsAttribute]));
    }

    [Theory]
    [InlineData("populationSize", 1)]
    [InlineData("tournamentSize", 0)]
    [InlineData("crossoverProbability", 1.5)]
    [InlineData("mutationProbability", -0.1)]
    [InlineData("sbxEta", -1)]
    public void Bad_options_name_the_field(string field, double value)
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions("ga", new SpecObjectReader(new JsonObject { [field] = value }, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == $"sampler.{field}");
    }

    [Fact]
    public void Cross_field_limits_and_unknown_crossovers_are_errors()
    {
        var errors = new List<SpecError>();
        var options = new JsonObject { ["populationSize"] = 4, ["elites"] = 5, ["tournamentSize"] = 6, ["crossover"] = "onepoint" };
        SamplerCatalog.Default.ValidateOptions("ga", new SpecObjectReader(options, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == "sampler.elites" && e.Problem.Contains("populationSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "sampler.tournamentSize");
        Assert.Contains(errors, e => e.Path == "sampler.crossover" && e.Problem.Contains("sbx", StringComparison.Ordinal));
    }

    [Fact]
    public void The_catalog_builds_a_population_sampler()
    {
        var sampler = SamplerCatalog.Default.Create(new ComponentSpec("ga", new JsonObject { ["populationSize"] = 7 }), Mixed, StudyDirection.Maximize);
        Assert.Equal(7, Assert.IsAssignableFrom<Core.Sampling.IPopulationSampler>(sampler).PopulationSize);
    }
}
