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
public sealed class SamplerCatalog : IComponentCatalog
{
    private readonly Dictionary<string, ISamplerFactory> _factories;

    public SamplerCatalog(IEnumerable<ISamplerFactory> factories)
    {
        _factories = factories.ToDictionary(f => f.Type, StringComparer.Ordinal);
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

    public IReadOnlyCollection<string> Types => _factories.Keys;

    public void ValidateOptions(string type, SpecObjectReader options, SearchSpace? space) =>
        _factories[type].ValidateOptions(options, space);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        _factories[spec.Type].Create(spec, space, direction);
}
