using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.ParticleSwarm;

namespace HyperBus.Samplers.Tests.ParticleSwarm;

/// <summary>The shared sampler contract with a small swarm, so the 24 trials are several moves.</summary>
public sealed class ParticleSwarmSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new ParticleSwarmSampler(new ParticleSwarmOptions(seed, SwarmSize: 6));
}
