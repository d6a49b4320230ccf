using HyperBus.Core.Space;

namespace HyperBus.Core.Specs;

/// <summary>The factories of one kind of component, by the type name specs use.</summary>
public abstract class ComponentCatalog<TFactory> : IComponentCatalog
    where TFactory : IComponentFactory
{
    protected ComponentCatalog(IEnumerable<TFactory> factories)
    {
        Factories = factories.ToDictionary(f => f.Type, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Types => Factories.Keys;

    protected Dictionary<string, TFactory> Factories { get; }

    public void ValidateOptions(string type, SpecObjectReader options, SearchSpace? space) =>
        Factories[type].ValidateOptions(options, space);
}
