using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Schedulers.Bohb;

namespace HyperBus.Samplers.Tests;

/// <summary>BOHB's sampler (the one its scheduler brings) through the shared sampler contract; it used to skip it.</summary>
public sealed class BohbSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new BohbScheduler(new BohbSchedulerOptions(Seed: seed)).CreateSampler(space);
}
