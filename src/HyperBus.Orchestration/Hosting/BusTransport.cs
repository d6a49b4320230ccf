namespace HyperBus.Orchestration.Hosting;

/// <summary>Which message bus carries HyperBus's messages.</summary>
public enum BusTransport
{
    /// <summary>One process, no broker: the embedded default.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker: host and workers on any machines.</summary>
    RabbitMq,
}
