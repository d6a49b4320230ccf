using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.Genetic;

namespace HyperBus.Samplers.Tests.Genetic;

/// <summary>The shared sampler contract with small generations, so the 24 trials breed three generations.</summary>
public sealed class GeneticSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new GeneticSampler(new GeneticOptions(seed, PopulationSize: 6));
}
