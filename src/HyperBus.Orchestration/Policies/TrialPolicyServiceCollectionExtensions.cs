using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBus.Orchestration.Policies;

/// <summary>Registers the host's trial policies and the scheduler that requests attempts once their backoff is over.</summary>
public static class TrialPolicyServiceCollectionExtensions
{
    public static IServiceCollection AddTrialPolicies(this IServiceCollection services)
    {
        services.TryAddSingleton<TrialPolicies>();
        services.TryAddScoped<PoolVerdicts>();
        services.AddHostedService<AttemptScheduler>();
        services.AddHostedService<Hedging.HedgeWatcher>();
        return services;
    }
}
