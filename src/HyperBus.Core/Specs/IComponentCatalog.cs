using HyperBus.Core.Space;

namespace HyperBus.Core.Specs;

/// <summary>The sampler or scheduler types a host knows, and how to check each one's options.</summary>
public interface IComponentCatalog
{
    IReadOnlyCollection<string> Types { get; }

    /// <summary>Reads and checks the options of <paramref name="type"/>; the reader collects the errors.</summary>
    void ValidateOptions(string type, SpecObjectReader options, SearchSpace? space);

    /// <summary>True for a scheduler type that brings its own sampler: a spec's seed then belongs to it.</summary>
    bool BringsOwnSampler(string type) => false;
}
