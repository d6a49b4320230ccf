using HyperBus.Contracts;
using HyperBus.Orchestration.Hosting;
using MassTransit;

namespace HyperBus.Orchestration.Tests.Hosting;

public sealed class PrivateTopologyTests
{
    [Fact]
    public void Published_types_get_the_prefix_and_every_name_is_kept_once_for_the_cleanup()
    {
        var topology = new PrivateTopology("hyperbus-warmup-abc-");
        var formatter = new PrefixedEntityNameFormatter(topology, new TypeNameFormatter());

        Assert.Equal("hyperbus-warmup-abc-HyperBus.Contracts:TrialCompleted", formatter.FormatEntityName<TrialCompleted>());
        Assert.Equal("hyperbus-warmup-abc-HyperBus.Contracts:TrialCompleted", formatter.FormatEntityName<TrialCompleted>());
        formatter.FormatEntityName<TrialFailed>();
        Assert.Equal("hyperbus-warmup-abc-host", topology.AddQueue("hyperbus-warmup-abc-host"));

        Assert.Equal(["hyperbus-warmup-abc-HyperBus.Contracts:TrialCompleted", "hyperbus-warmup-abc-HyperBus.Contracts:TrialFailed"], topology.Exchanges.Order());
        Assert.Equal(["hyperbus-warmup-abc-host"], topology.Queues);
    }

    private sealed class TypeNameFormatter : IEntityNameFormatter
    {
        public string FormatEntityName<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";
    }
}
