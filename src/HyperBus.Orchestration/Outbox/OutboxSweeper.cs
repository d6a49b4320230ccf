using HyperBus.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Outbox;

/// <summary>
/// Sends what the outbox still holds from before this process (a host killed between a commit and its relay),
/// at start and then every second, and deletes relayed rows when no commit came along to do it.
/// </summary>
public sealed class OutboxSweeper(IOrchestrationStore store, OutboxRelay relay, TimeProvider time, ILogger<OutboxSweeper> logger) : BackgroundService
{
    private const int Batch = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Rows younger than this belong to a relay still at work (here or on another host).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the bus takes new work: a restarted host first sends what it had committed.
        await SweepAsync(includeFresh: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(includeFresh: false, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A clean stop leaves no sent message behind to be sent again at the next start.
        var relayed = relay.TakeRelayed();
        try
        {
            await store.DeleteOutboxAsync(relayed, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not delete {Count} relayed outbox rows ({Error}); they will be sent again at the next start", relayed.Count, e.Message);
        }
    }

    public async Task SweepAsync(bool includeFresh, CancellationToken cancellationToken)
    {
        try
        {
            var relayed = relay.TakeRelayed();
            try
            {
                await store.DeleteOutboxAsync(relayed, cancellationToken);
            }
            catch
            {
                relay.Return(relayed);
                throw;
            }

            var stale = new List<OutboxMessage>();
            foreach (var row in await store.LoadOutboxAsync(Batch, cancellationToken))
            {
                if (!relay.IsMine(row.Id))
                {
                    stale.Add(row);
                }
            }

            if (stale.Count == 0)
            {
                return;
            }

            if (!includeFresh)
            {
                // Seen twice a grace period apart before they count as abandoned.
                await Task.Delay(Grace, time, cancellationToken);
                var still = (await store.LoadOutboxAsync(Batch, cancellationToken)).Select(r => r.Id).ToHashSet();
                stale.RemoveAll(r => !still.Contains(r.Id) || relay.IsMine(r.Id));
            }

            if (stale.Count > 0)
            {
                logger.LogInformation("Relaying {Count} stored messages left unsent", stale.Count);
                relay.Claim(stale);
                await relay.RelayAsync(stale, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Outbox sweep failed ({Error}); trying again in {Seconds} s", e.Message, Interval.TotalSeconds);
        }
    }
}
