using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// A background service that acts on the host's clock (<see cref="TimeProvider"/>, so tests drive it with a fake one)
/// every <c>interval</c>: a tick that fails is logged in one line and tried again at the next tick.
/// </summary>
public abstract class HostClockService(TimeProvider time, TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>The host's clock.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>What a failed tick could not do, for the log line ("announce due attempts").</summary>
    protected abstract string Work { get; }

    protected abstract Task TickAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not {Work} ({Error}); trying again at the next tick", Work, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
