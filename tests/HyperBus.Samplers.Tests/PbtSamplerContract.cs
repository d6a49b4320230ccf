using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Samplers.Tests;

/// <summary>
/// PBT's sampler (the one its scheduler brings) through the shared sampler contract, with a small population so
/// the 24 trials span several generations; it used to skip it.
/// </summary>
public sealed class PbtSamplerContract : SamplerContractTests
{
    protected override bool WaitsForRunningTrials => true;

    protected override bool ContinuesConfigurations => true;

    protected override ISampler Create(int seed, SearchSpace space) => new PbtScheduler(new PbtSchedulerOptions(PopulationSize: 4, Seed: seed)).CreateSampler(space);
}
