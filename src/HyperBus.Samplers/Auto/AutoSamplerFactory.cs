using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Auto;

/// <summary>Registers <c>sampler: {type: auto, seed, lowDimensions, categoricalShare, trustRegionDimensions, modelTrials, localTrials, localTrialsPerDimension, noisyTpeEvery}</c>, the sampler a spec gets when it names none.</summary>
public sealed class AutoSamplerFactory : ISamplerFactory
{
    private readonly Func<SamplerCatalog> _catalog;

    /// <summary>Delegates through <paramref name="catalog"/> (the catalog auto is registered in).</summary>
    public AutoSamplerFactory(Func<SamplerCatalog> catalog)
    {
        _catalog = catalog;
    }

    public string Type => "auto";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new AutoSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])), _catalog(), direction);

    private static AutoOptions Read(SpecObjectReader o)
    {
        var d = new AutoOptions();
        return new AutoOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("lowDimensions", 1, 10000) ?? d.LowDimensions),
            o.Number("categoricalShare", 0, 1) ?? d.CategoricalShare,
            (int)(o.Integer("trustRegionDimensions", 1, 10000) ?? d.TrustRegionDimensions),
            (int)(o.Integer("modelTrials", 1, 1000000) ?? d.ModelTrials),
            (int)(o.Integer("localTrials", 0, 1000000) ?? d.LocalTrials),
            (int)(o.Integer("localTrialsPerDimension", 0, 100000) ?? d.LocalTrialsPerDimension),
            (int)(o.Integer("noisyTpeEvery", 0, 1000) ?? d.NoisyTpeEvery));
    }
}
