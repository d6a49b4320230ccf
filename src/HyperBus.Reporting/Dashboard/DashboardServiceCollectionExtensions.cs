using HyperBus.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperBus.Reporting.Dashboard;

/// <summary>Registers the live dashboard as a hosted service over the process's <see cref="IStudyStore"/>.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, Uri url)
    {
        services.AddSingleton(sp => new DashboardServer(sp.GetRequiredService<IStudyStore>(), url));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DashboardServer>());
        return services;
    }
}
