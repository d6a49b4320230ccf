using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.CmaEs;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Tpe;
using HyperBus.Trainers.Functions;

namespace HyperBus.Samplers.Tests;

/// <summary>Each model-based sampler beats a bound that random search with the same budget and seeds misses.</summary>
public sealed class ConvergenceTests
{
    private static readonly int[] Seeds = [1, 2, 3];

    [Fact]
    public void Tpe_beats_random_search_on_a_4d_sphere() =>
        AssertBeatsRandom(s => new TpeSampler(new TpeOptions(s)), Sphere(4), trials: 100, bound: 2.0);

    [Fact]
    public void Multivariate_tpe_beats_random_search_on_a_4d_sphere() =>
        AssertBeatsRandom(s => new TpeSampler(new TpeOptions(s, Multivariate: true)), Sphere(4), trials: 100, bound: 2.0);

    [Fact]
    public void Gp_beats_random_search_on_branin() =>
        AssertBeatsRandom(s => new GpSampler(new GpSamplerOptions(s, Candidates: 256)), Branin(), trials: 30, bound: 0.45);

    [Fact]
    public void Cmaes_beats_random_search_on_a_6d_sphere() =>
        AssertBeatsRandom(s => new CmaEsSampler(new CmaEsOptions(s)), Sphere(6), trials: 150, bound: 0.5);

    [Fact]
    public void Trust_region_gp_beats_random_search_on_a_20d_sphere() =>
        AssertBeatsRandom(s => new Samplers.TrustRegion.TrustRegionSampler(new Samplers.TrustRegion.TrustRegionOptions(s, Candidates: 256)), Sphere(20), trials: 60, bound: 40);

    /// <summary>Median best over the seeds must be below the bound for the sampler and above it for random search.</summary>
    private static void AssertBeatsRandom(Func<int, ISampler> create, (SearchSpace Space, Func<ParameterSet, double> F) problem, int trials, double bound)
    {
        double Median(Func<int, ISampler> make) => Seeds
            .Select(s => StudyHistory.Run(make(s), problem.Space, problem.F, trials).Min(t => t.Value!.Value))
            .Order().ElementAt(Seeds.Length / 2);

        var model = Median(create);
        var random = Median(s => new RandomSampler(new RandomSamplerOptions(s)));
        Assert.True(random > bound, $"random search reached {random}, so the bound {bound} proves nothing");
        Assert.True(model < bound, $"the sampler reached {model}, not below {bound} (random: {random})");
    }

    private static (SearchSpace, Func<ParameterSet, double>) Sphere(int d) => (
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", -5, 5))),
        p => Enumerable.Range(0, d).Sum(i => Math.Pow(p.GetDouble($"x{i}") - 1, 2)));

    private static (SearchSpace, Func<ParameterSet, double>) Branin()
    {
        var f = TestFunctions.Branin();
        return (
            SearchSpace.Create([new FloatParameter("x0", -5, 10), new FloatParameter("x1", 0, 15)]),
            p => f.Evaluate([p.GetDouble("x0"), p.GetDouble("x1")]) - f.Minimum);
    }
}
