using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Sampling;

/// <summary>Makes one kind of sampler from its spec options (<c>sampler: {type: ..., ...}</c>).</summary>
public interface ISamplerFactory : IComponentFactory
{
    /// <summary>Builds the sampler from options that passed <see cref="ValidateOptions"/>.</summary>
    ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction);
}
