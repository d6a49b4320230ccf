using HyperBus.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Storage;

/// <summary>Registers the SQLite study store.</summary>
public static class SqliteStudyStoreServiceCollectionExtensions
{
    /// <summary>The store in the file at <paramref name="path"/> as the singleton <see cref="IStudyStore"/> (and as itself).</summary>
    public static IServiceCollection AddSqliteStudyStore(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.AddSingleton(sp => new SqliteStudyStore(path, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IStudyStore>(sp => sp.GetRequiredService<SqliteStudyStore>());
        services.AddSingleton<IOrchestrationStore>(sp => sp.GetRequiredService<SqliteStudyStore>());
        return services;
    }
}
