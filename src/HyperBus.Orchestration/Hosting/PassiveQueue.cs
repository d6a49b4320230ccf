using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HyperBus.Orchestration.Hosting;

/// <summary>Reads a queue's message and consumer counts without creating it (a passive declare).</summary>
public static class PassiveQueue
{
    /// <returns>Null when the queue does not exist.</returns>
    public static async Task<QueueDeclareOk?> ReadAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes the channel, so each read gets its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }
}
