using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Trainer.Sdk;

/// <summary>Registers C# trainer plugins by kind.</summary>
public static class TrainerServiceCollectionExtensions
{
    /// <summary>
    /// Makes <typeparamref name="T"/> the trainer of <paramref name="kind"/>. A kind maps to a type
    /// registered here, never to a type or path named in a message.
    /// </summary>
    public static IServiceCollection AddTrainer<T>(this IServiceCollection services, string kind)
        where T : class, ITrainer
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        services.AddKeyedTransient<ITrainer, T>(kind);
        services.AddSingleton(new TrainerRegistration(kind, typeof(T)));
        return services;
    }

    /// <summary>The kinds registered so far (to validate specs before the container is built).</summary>
    public static IReadOnlyCollection<string> TrainerKinds(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(TrainerRegistration) && d.ImplementationInstance is TrainerRegistration)
            .Select(d => ((TrainerRegistration)d.ImplementationInstance!).Kind)
            .ToHashSet(StringComparer.Ordinal);
}
