using System.Globalization;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers.ParticleSwarm;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Tests.Genetic;

namespace HyperBus.Samplers.Tests.ParticleSwarm;

public sealed class ParticleSwarmSamplerTests
{
    private static readonly SearchSpace Mixed = SearchSpace.Create(
    [
        new FloatParameter("f", -3, 5),
        new FloatParameter("lr", 1e-5, 1e-1, log: true),
        new IntParameter("n", 1, 9),
        new IntParameter("width", 4, 512, log: true),
        new CategoricalParameter("act", ["relu", "tanh", "gelu"]),
        new IntParameter("degree", 2, 5, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["act"] = ["tanh"] })),
    ]);

    [Fact]
    public void Positions_stay_in_bounds_even_when_the_optimum_is_outside()
    {
        // The objective pulls every axis past its upper bound, so velocities push against the edges.
        var sampler = new ParticleSwarmSampler(new ParticleSwarmOptions(3, SwarmSize: 10, MaxVelocity: 1));
        var history = PopulationRun.Run(sampler, Mixed, p => -p.GetDouble("f") - p.GetDouble("n") - p.GetDouble("width"), generations: 15, size: 10);
        Assert.All(history, t => Assert.Empty(Mixed.Validate(t.Params)));
        Assert.Contains(history, t => t.Params.GetDouble("f") == 5);
        Assert.Contains(history, t => t.Params.ContainsKey("degree"));
        Assert.Contains(history, t => (string)t.Params["act"] == "gelu");
    }

    [Fact]
    public void The_swarm_best_improves_over_generations_on_a_sphere()
    {
        var space = PopulationRun.SphereSpace(6);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var history = PopulationRun.Run(new ParticleSwarmSampler(new ParticleSwarmOptions(seed)), space, PopulationRun.Sphere, generations: 15, size: 20);
            var best = PopulationRun.BestPerGeneration(history, 20);
            var median = PopulationRun.MedianPerGeneration(history, 20);
            Assert.True(best[^1] < best[0] / 20, $"seed {seed}: generation bests {string.Join(", ", best.Select(b => b.ToString("G3", CultureInfo.InvariantCulture)))}");
            Assert.True(median[^1] < best[0], $"seed {seed}: median {median[^1]} vs first best {best[0]}");
        }
    }

    [Fact]
    public void It_beats_random_search_with_the_same_trials_on_a_sphere()
    {
        var space = PopulationRun.SphereSpace(6);
        double Best(Core.Sampling.ISampler s) => StudyHistory.Run(s, space, PopulationRun.Sphere, 300).Min(t => t.Value!.Value);
        var pso = new[] { 1, 2, 3 }.Select(s => Best(new ParticleSwarmSampler(new ParticleSwarmOptions(s)))).Order().ElementAt(1);
        var random = new[] { 1, 2, 3 }.Select(s => Best(new RandomSampler(new RandomSamplerOptions(s)))).Order().ElementAt(1);
        Assert.True(pso < random / 5, $"pso {pso}, random {random}");
    }

    [Fact]
    public void A_move_is_capped_by_the_maximum_velocity()
    {
        var space = SearchSpace.Create([new FloatParameter("x", 0, 100)]);
        var sampler = new ParticleSwarmSampler(new ParticleSwarmOptions(8, SwarmSize: 2, MaxVelocity: 0.05));
        var history = PopulationRun.Run(sampler, space, p => Math.Abs(p.GetDouble("x") - 100), generations: 10, size: 2);
        foreach (var t in history.Where(t => t.Number >= 2))
        {
            var before = history[t.Number - 2].Params.GetDouble("x");
            Assert.True(Math.Abs(t.Params.GetDouble("x") - before) <= 5 + 1e-9, $"trial {t.Number} moved from {before} to {t.Params.GetDouble("x")}");
        }
    }

    [Fact]
    public void Each_trial_is_the_next_position_of_its_particle()
    {
        var space = PopulationRun.SphereSpace(2);
        var history = PopulationRun.Run(new ParticleSwarmSampler(new ParticleSwarmOptions(2, SwarmSize: 5)), space, PopulationRun.Sphere, generations: 3, size: 5);
        Assert.All(history, t =>
        {
            Assert.Equal(t.Number % 5, int.Parse(t.Attributes[ParticleSwarmSampler.ParticleAttribute], CultureInfo.InvariantCulture));
            Assert.Equal(t.Number / 5, int.Parse(t.Attributes[TrialAttributeKeys.Generation], CultureInfo.InvariantCulture));
        });
    }

    [Theory]
    [InlineData("swarmSize", 1)]
    [InlineData("inertia", -0.5)]
    [InlineData("cognitive", -1)]
    [InlineData("maxVelocity", 0)]
    [InlineData("maxVelocity", 2)]
    public void Bad_options_name_the_field(string field, double value)
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions("pso", new SpecObjectReader(new JsonObject { [field] = value }, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == $"sampler.{field}");
    }

    [Fact]
    public void The_catalog_builds_a_population_sampler()
    {
        var sampler = SamplerCatalog.Default.Create(new ComponentSpec("pso", new JsonObject { ["swarmSize"] = 9 }), Mixed, StudyDirection.Minimize);
        Assert.Equal(9, Assert.IsAssignableFrom<Core.Sampling.IPopulationSampler>(sampler).PopulationSize);
    }
}
