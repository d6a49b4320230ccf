using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers.CmaEs;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Grid;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Sobol;
using HyperBus.Samplers.Tpe;

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
    ]);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        Factories[spec.Type].Create(spec, space, direction);
}
