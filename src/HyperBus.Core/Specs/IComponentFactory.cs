using HyperBus.Core.Space;

namespace HyperBus.Core.Specs;

/// <summary>Makes one kind of component (a sampler or a scheduler) that a spec names by type.</summary>
public interface IComponentFactory
{
    /// <summary>The name used in specs, e.g. <c>tpe</c>, <c>asha</c>.</summary>
    string Type { get; }

    /// <summary>Reads and checks the options; unknown keys are reported by the caller afterwards.</summary>
    void ValidateOptions(SpecObjectReader options, SearchSpace? space);
}
