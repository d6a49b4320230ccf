using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Diagnostics;
using HyperBus.Trainers.Functions;
using HyperBus.Trainers.MLNet;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Cli.Running;

/// <summary>The C# trainer plugins that ship with the <c>hyperbus</c> command.</summary>
public static class BuiltInTrainers
{
    public static IServiceCollection AddBuiltInTrainers(this IServiceCollection services)
    {
        services.AddMLNetTrainers();
        services.AddTrainer<NoopTrainer>(NoopTrainer.Kind);
        services.AddTrainer<ConformanceTrainer>(ConformanceTrainer.Kind);
        services.AddTrainer<FunctionTrainer>(FunctionTrainer.Kind);
        services.AddTrainer<GradientDescentTrainer>(GradientDescentTrainer.Kind);
        return services;
    }
}
