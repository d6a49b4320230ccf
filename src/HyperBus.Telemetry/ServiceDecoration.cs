using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Telemetry;

/// <summary>Wraps an already registered service in a decorator, keeping its lifetime.</summary>
internal static class ServiceDecoration
{
    /// <summary>False when <typeparamref name="TService"/> is not registered (a worker has no store).</summary>
    public static bool TryDecorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return false;
        }

        var original = services[index];
        Func<IServiceProvider, TService> inner = original switch
        {
            { ImplementationInstance: TService instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (TService)factory(sp),
            { ImplementationType: { } type } => sp => (TService)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException($"cannot decorate {typeof(TService).Name}"),
        };
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(inner(sp), sp), original.Lifetime);
        return true;
    }
}
