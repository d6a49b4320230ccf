using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// Broker names of one bus's own, so it can run a study beside real ones without either seeing the other's
/// messages: exchanges for published messages start with <see cref="Prefix"/>, and the queues it declares are
/// named from it too. Every name used is kept, so the whole topology can be deleted afterwards.
/// </summary>
public sealed class PrivateTopology(string prefix)
{
    private readonly ConcurrentDictionary<string, byte> _exchanges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public string Prefix { get; } = prefix;

    /// <summary>The prefixed exchange names published message types were given.</summary>
    public IReadOnlyCollection<string> Exchanges => [.. _exchanges.Keys];

    /// <summary>The queues this bus declared (MassTransit gives each an exchange of the same name).</summary>
    public IReadOnlyCollection<string> Queues => [.. _queues.Keys];

    /// <summary>Remembers a queue of this topology's own for <see cref="DeleteAsync"/>.</summary>
    public string AddQueue(string queue)
    {
        _queues.TryAdd(queue, 0);
        return queue;
    }

    internal void RecordExchange(string name) => _exchanges.TryAdd(name, 0);

    /// <summary>Deletes every exchange and queue of this topology (those already gone are skipped).</summary>
    public async Task DeleteAsync(Uri rabbitMq, CancellationToken cancellationToken)
    {
        await using var connection = await AdminConnection.OpenAsync(rabbitMq, "hyperbus: private topology cleanup", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        // Deleting a missing exchange or queue is not an error in RabbitMQ, so one channel serves them all.
        foreach (var queue in Queues)
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
        }

        foreach (var exchange in Exchanges.Concat(Queues))
        {
            await channel.ExchangeDeleteAsync(exchange, ifUnused: false, cancellationToken: cancellationToken);
        }

        await connection.CloseAsync(cancellationToken);
    }
}
