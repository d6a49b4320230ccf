using HyperBus.Trainer.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBus.Trainers.MLNet;

/// <summary>Registers the ML.NET trainers and the dataset catalog they read.</summary>
public static class MLNetTrainerServiceCollectionExtensions
{
    public static IServiceCollection AddMLNetTrainers(this IServiceCollection services)
    {
        services.TryAddSingleton<DatasetCatalog>();
        services.AddTrainer<LightGbmTrainer>(LightGbmTrainer.Kind);
        services.AddTrainer<FastTreeTrainer>(FastTreeTrainer.Kind);
        services.AddTrainer<SdcaTrainer>(SdcaTrainer.Kind);
        return services;
    }
}
