using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Sobol;

/// <summary>Registers <c>sampler: {type: sobol, seed: N, scramble: true}</c>.</summary>
public sealed class SobolSamplerFactory : ISamplerFactory
{
    public string Type => "sobol";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space)
    {
        options.Integer("seed", int.MinValue, int.MaxValue);
        options.Bool("scramble");
    }

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new SobolSampler(new SobolSamplerOptions(spec.Seed ?? 0, spec.Options["scramble"]?.GetValue<bool>() ?? true));
}
