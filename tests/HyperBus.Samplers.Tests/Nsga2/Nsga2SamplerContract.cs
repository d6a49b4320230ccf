using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.Nsga2;

namespace HyperBus.Samplers.Tests.Nsga2;

/// <summary>NSGA-II passes the shared sampler contract; a small population so the contract's histories reach bred generations.</summary>
public sealed class Nsga2SamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new Nsga2Sampler(new Nsga2Options(seed, PopulationSize: 6));
}

/// <summary>The same with uniform crossover.</summary>
public sealed class Nsga2UniformCrossoverContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new Nsga2Sampler(new Nsga2Options(seed, PopulationSize: 6, Crossover: "uniform"));
}
