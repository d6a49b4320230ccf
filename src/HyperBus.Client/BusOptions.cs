namespace HyperBus;

/// <summary>Where <see cref="HyperBusClient"/> finds the HyperBus host and its workers.</summary>
public sealed record BusOptions
{
    /// <summary>amqp://user:password@host:port/vhost (or amqps://) of the broker the host (<c>hyperbus host</c>) listens on.</summary>
    public required Uri RabbitMq { get; init; }

    /// <summary>How long to wait for the broker to accept a connection before giving up with a clear error.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
