using HyperBus.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Storage.Tests;

public sealed class SqliteStudyStoreRegistrationTests
{
    [Fact]
    public void The_store_is_registered_as_the_singleton_study_store()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hyperbus-storage-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddSqliteStudyStore(Path.Combine(folder, "s.db"));
        try
        {
            var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IStudyStore));
            Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
            Assert.All(services, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));

            using var provider = new MinimalProvider(services);
            var store = provider.GetService(typeof(IStudyStore));
            Assert.IsType<SqliteStudyStore>(store);
            Assert.Same(store, provider.GetService(typeof(IStudyStore)));
            Assert.True(File.Exists(Path.Combine(folder, "s.db")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
