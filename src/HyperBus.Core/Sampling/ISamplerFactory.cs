using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Sampling;

/// <summary>Makes one kind of sampler from its spec options (<c>sampler: {type: ..., ...}</c>).</summary>
public interface ISamplerFactory
{
    /// <summary>The name used in specs, e.g. <c>random</c>, <c>tpe</c>.</summary>
    string Type { get; }

    /// <summary>Reads and checks the options; unknown keys are reported by the caller afterwards.</summary>
    void ValidateOptions(SpecObjectReader options, SearchSpace? space);

    /// <summary>Builds the sampler from options that passed <see cref="ValidateOptions"/>.</summary>
    ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction);
}
