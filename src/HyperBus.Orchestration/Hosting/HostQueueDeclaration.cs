using RabbitMQ.Client;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// Declares the host's queue, with the fanout exchange of its name bound to it, as the host's receive endpoint will:
/// done before the start-up warm-up, a study submitted meanwhile waits in the queue for the host to serve instead of
/// finding no queue (a Python client's mandatory publish is then returned as "no host").
/// </summary>
public static class HostQueueDeclaration
{
    public static async Task DeclareAsync(Uri rabbitMq, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await AdminConnection.OpenAsync(rabbitMq, "hyperbus host: queue declaration", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        // The same flags MassTransit declares them with (durable, not auto-deleted, no arguments), or its own declaration would fail.
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }
}
