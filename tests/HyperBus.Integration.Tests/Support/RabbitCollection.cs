namespace HyperBus.Integration.Tests.Support;

/// <summary>All integration tests share one node (each with its own vhost) and run one after another: 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitCollection : ICollectionFixture<RabbitNode>
{
    public const string Name = "rabbitmq";
}
