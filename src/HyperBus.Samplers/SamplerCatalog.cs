using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Auto;
using HyperBus.Samplers.CmaEs;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Genetic;
using HyperBus.Samplers.Grid;
using HyperBus.Samplers.Nsga2;
using HyperBus.Samplers.ParticleSwarm;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Sobol;
using HyperBus.Samplers.Tpe;
using HyperBus.Samplers.TrustRegion;

namespace HyperBus.Samplers;

/// <summary>Every sampler a spec can name, by type.</summary>
public sealed class SamplerCatalog : ComponentCatalog<ISamplerFactory>
{
    public SamplerCatalog(IEnumerable<ISamplerFactory> factories)
        : base(factories)
    {
    }

    /// <summary>The samplers that ship with HyperBus.</summary>
    public static SamplerCatalog Default { get; } = new(
    [
        new RandomSamplerFactory(),
        new GridSamplerFactory(),
        new SobolSamplerFactory(),
        new TpeSamplerFactory(),
        new GpSamplerFactory(),
        new CmaEsSamplerFactory(),
        new Nsga2SamplerFactory(),
        new GeneticSamplerFactory(),
        new ParticleSwarmSamplerFactory(),
        new TrustRegionSamplerFactory(),
        // Read when auto builds its first delegate, after Default is initialised.
        new AutoSamplerFactory(() => Default!),
    ]);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        Factories[spec.Type].Create(spec, space, direction);
}
