using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.Genetic;

namespace HyperBus.Samplers.Tests.Genetic;

/// <summary>The contract again with blend crossover and a generational pool (no elites).</summary>
public sealed class BlendGeneticSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new GeneticSampler(new GeneticOptions(seed, PopulationSize: 6, Crossover: "blend", Elites: 0));
}
