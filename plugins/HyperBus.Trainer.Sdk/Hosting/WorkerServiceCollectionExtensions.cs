using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>The services a process needs to run trainers (the bus endpoints are added by the transport setup).</summary>
public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddTrainerWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null, string? workerId = null)
    {
        var options = new WorkerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(new WorkerIdentity(workerId));
        services.TryAddSingleton<PendingDecisions>();
        services.TryAddSingleton<TrainingSlots>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
