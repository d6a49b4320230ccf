using HyperBus.Orchestration.Hosting;
using HyperBus.Trainer.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>Registers the local Python workers of an in-process <c>tune</c>.</summary>
public static class LocalPythonServiceCollectionExtensions
{
    /// <summary>
    /// Makes the Python kinds known to the host (call before <c>AddHyperBus</c>) while the C# worker keeps
    /// serving only the C# kinds registered so far.
    /// </summary>
    public static IServiceCollection AddLocalPythonTrainerKinds(this IServiceCollection services, HyperBusOptions bus)
    {
        bus.TrainerKinds ??= services.TrainerKinds();
        foreach (var kind in PythonTrainerKinds.All)
        {
            services.AddSingleton(new TrainerRegistration(kind, typeof(LocalPythonWorkers)));
        }

        return services;
    }

    /// <summary>The bridge itself; after <c>AddHyperBus</c>, so it starts once the bus has.</summary>
    public static IServiceCollection AddLocalPythonWorkers(this IServiceCollection services, bool verbose, PrestartedWorkers? prestarted = null)
    {
        services.AddSingleton(new LocalPythonSettings(LocalPythonSettings.DefaultSdkFolder, verbose, prestarted));
        services.AddHostedService<LocalPythonWorkers>();
        return services;
    }
}
