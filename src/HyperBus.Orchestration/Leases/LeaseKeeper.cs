using HyperBus.Orchestration.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Leases;

/// <summary>Renews this host's study leases every third of their duration and gives them up when the host stops.</summary>
public sealed class LeaseKeeper(StudyOwnership ownership, HyperBusOptions options, TimeProvider time, ILogger<LeaseKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ownership.RenewAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Renewing study leases failed ({Error}); trying again in {Seconds} s", e.Message, (options.LeaseDuration / 3).TotalSeconds);
                }
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
        foreach (var id in ownership.Held)
        {
            try
            {
                await ownership.ReleaseAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not release the lease of study {Study}: {Error}", id, e.Message);
            }
        }
    }
}
