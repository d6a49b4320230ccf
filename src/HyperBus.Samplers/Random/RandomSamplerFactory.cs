using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Random;

/// <summary>Registers <c>sampler: {type: random, seed: N}</c>.</summary>
public sealed class RandomSamplerFactory : ISamplerFactory
{
    public string Type => "random";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => options.Integer("seed", int.MinValue, int.MaxValue);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new RandomSampler(new RandomSamplerOptions(spec.Seed ?? 0));
}
