using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Samplers.Auto;
using HyperBus.Samplers.CmaEs;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Grid;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Sobol;
using HyperBus.Samplers.Tpe;
using HyperBus.Samplers.TrustRegion;

namespace HyperBus.Samplers.Tests;

public sealed class RandomSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new RandomSampler(new RandomSamplerOptions(seed));
}

public sealed class SobolSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new SobolSampler(new SobolSamplerOptions(seed));
}

public sealed class TpeSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new TpeSampler(new TpeOptions(seed));
}

public sealed class MultivariateTpeSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new TpeSampler(new TpeOptions(seed, Multivariate: true));
}

public sealed class GpSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new GpSampler(new GpSamplerOptions(seed, Candidates: 128));
}

public sealed class TrustRegionSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new TrustRegionSampler(new TrustRegionOptions(seed, Candidates: 128));
}

/// <summary>auto on these small spaces delegates to gp (and, for the all-categorical corner of the suites, to tpe).</summary>
public sealed class AutoSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new AutoSampler(new AutoOptions(seed), SamplerCatalog.Default, Core.Trials.StudyDirection.Minimize);
}

public sealed class CmaEsSamplerContract : SamplerContractTests
{
    protected override ISampler Create(int seed, SearchSpace space) => new CmaEsSampler(new CmaEsOptions(seed));
}

/// <summary>Grid search passes the contract on finite spaces; a batch is always distinct grid points.</summary>
public sealed class GridSamplerContract : SamplerContractTests
{
    protected override SearchSpace MixedSpace => SearchSpace.Create(
    [
        new FloatParameter("frac", 0.1, 0.9, step: 0.2),
        new IntParameter("n", 1, 9),
        new IntParameter("even", 0, 20, step: 4),
        new CategoricalParameter("act", ["relu", "tanh", "gelu"]),
    ]);

    protected override SearchSpace ConditionalSpace => SearchSpace.Create(
    [
        new CategoricalParameter("kernel", ["poly", "rbf", "linear"]),
        new IntParameter("degree", 2, 5, condition: When("kernel", "poly")),
        new FloatParameter("gamma", 0.1, 0.5, step: 0.05, condition: When("kernel", "rbf", "poly")),
    ]);

    protected override SearchSpace ParallelSpace => SearchSpace.Create([new IntParameter("x", -5, 5), new FloatParameter("y", 1, 10, step: 1)]);

    protected override ISampler Create(int seed, SearchSpace space) => new GridSampler(space, new GridSamplerOptions(true, seed));
}
