using System.Collections.Concurrent;
using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Faults;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Outbox;

/// <summary>
/// Sends what a committed transaction stored in the outbox. Sent rows are not deleted one by one: their ids
/// ride along with the next commit (or the sweeper's next pass), so relaying costs no transaction of its own.
/// A crash between sending and deleting resends the message at the next start; receivers ignore duplicates.
/// </summary>
public sealed class OutboxRelay(IBus bus, Metrics.HyperBusMetrics metrics, TimeProvider time, ILogger<OutboxRelay> logger)
{
    private readonly ConcurrentDictionary<long, byte> _relayed = new();
    private readonly ConcurrentDictionary<long, byte> _pending = new();

    /// <summary>Rows a relay in this process is about to send or has sent; the sweeper leaves them alone.</summary>
    public bool IsMine(long id) => _pending.ContainsKey(id) || _relayed.ContainsKey(id);

    /// <summary>Claims the rows before the relay sends them, so the sweeper never sends them a second time.</summary>
    public void Claim(IEnumerable<OutboxMessage> messages)
    {
        foreach (var m in messages)
        {
            _pending[m.Id] = 0;
        }
    }

    /// <summary>Sends the messages side by side (their broker confirmations overlap); one that fails stays in the table for the sweeper.</summary>
    public Task RelayAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken) => messages.Count switch
    {
        0 => Task.CompletedTask,
        1 => RelayOneAsync(messages[0], cancellationToken),
        _ => Task.WhenAll(messages.Select(m => RelayOneAsync(m, cancellationToken))),
    };

    private async Task RelayOneAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(message, cancellationToken);
            _relayed[message.Id] = 0;
            metrics.RecordOutboxLag(time.GetUtcNow() - message.CommittedAt);
            if (message.MessageType == nameof(TrialRequested))
            {
                FaultPoint.Reach(FaultPoint.RequestRelayed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left in the table: the sweeper sends it again.
            logger.LogWarning("Could not relay {Type} of study {Study} ({Error}); it stays in the outbox", message.MessageType, message.StudyId, e.Message);
        }
        finally
        {
            _pending.TryRemove(message.Id, out _);
        }
    }

    /// <summary>The ids of rows sent since the last call, for the next commit to delete.</summary>
    public IReadOnlyCollection<long> TakeRelayed()
    {
        if (_relayed.IsEmpty)
        {
            return [];
        }

        var ids = _relayed.Keys.ToList();
        foreach (var id in ids)
        {
            _relayed.TryRemove(id, out _);
        }

        return ids;
    }

    /// <summary>Puts ids back when the commit that was to delete them failed.</summary>
    public void Return(IReadOnlyCollection<long> ids)
    {
        foreach (var id in ids)
        {
            _relayed[id] = 0;
        }
    }

    private async Task SendAsync(OutboxMessage stored, CancellationToken cancellationToken)
    {
        var message = stored.Payload ?? OutboxCodec.Decode(stored);
        if (stored.Destination == OutboxCodec.Publish)
        {
            await bus.Publish(message, message.GetType(), cancellationToken);
            return;
        }

        var key = stored.Destination.IndexOf('#', StringComparison.Ordinal);
        var address = key < 0 ? stored.Destination : stored.Destination[..key];
        if (address.StartsWith("exchange:", StringComparison.Ordinal))
        {
            address += "?type=direct";
        }

        var endpoint = await bus.GetSendEndpoint(new Uri(address));
        if (key < 0)
        {
            await endpoint.Send(message, message.GetType(), cancellationToken);
            return;
        }

        var routingKey = stored.Destination[(key + 1)..];
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(c => c.SetRoutingKey(routingKey)), cancellationToken);
    }
}
