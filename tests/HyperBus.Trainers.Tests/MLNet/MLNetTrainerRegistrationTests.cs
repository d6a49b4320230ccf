using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class MLNetTrainerRegistrationTests
{
    [Fact]
    public void AddMLNetTrainers_registers_each_kind_and_the_dataset_catalog()
    {
        var services = new ServiceCollection().AddMLNetTrainers();

        Assert.Equal(["mlnet-fasttree", "mlnet-lightgbm", "mlnet-sdca"], services.TrainerKinds().Order(StringComparer.Ordinal));
        Assert.Contains(services, d => d.ServiceType == typeof(DatasetCatalog) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Contains(services, d => d.ServiceType == typeof(ITrainer) && Equals(d.ServiceKey, LightGbmTrainer.Kind) && d.KeyedImplementationType == typeof(LightGbmTrainer));
    }
}
