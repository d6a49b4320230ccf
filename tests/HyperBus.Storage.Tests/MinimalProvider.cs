using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Storage.Tests;

/// <summary>
/// Just enough of a service provider to run singleton factory registrations (the full container is not a
/// dependency of the store); it disposes what it created, as the real one does.
/// </summary>
internal sealed class MinimalProvider(IServiceCollection services) : IServiceProvider, IDisposable
{
    private readonly Dictionary<Type, object> _singletons = [];

    public object? GetService(Type serviceType)
    {
        if (_singletons.TryGetValue(serviceType, out var existing))
        {
            return existing;
        }

        var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
        var created = descriptor switch
        {
            null => null,
            { ImplementationInstance: { } instance } => instance,
            { ImplementationFactory: { } factory } => factory(this),
            _ => throw new NotSupportedException($"only instances and factories: {serviceType}"),
        };
        if (created is not null)
        {
            _singletons[serviceType] = created;
        }

        return created;
    }

    public void Dispose()
    {
        foreach (var disposable in _singletons.Values.OfType<IDisposable>().Distinct())
        {
            disposable.Dispose();
        }
    }
}
