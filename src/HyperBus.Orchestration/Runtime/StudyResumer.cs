using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Adopts the unfinished studies of the store that no live host owns: at start (a restarted host) and then
/// every lease period (a standby whose peer died), so their trials get deadlines here even when no message
/// about them arrives. Studies another host holds a live lease on are left to it.
/// </summary>
public sealed class StudyResumer(IOrchestrationStore store, StudyRuntimeRegistry registry, StudyLoader loader, StudyOwnership ownership, HyperBusOptions options,
    TimeProvider time, ILogger<StudyResumer> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await AdoptAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await AdoptAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async Task AdoptAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StudyRecord> studies;
        try
        {
            studies = await store.ListStudiesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not list the store's studies: {Error}", e.Message);
            return;
        }

        foreach (var study in studies)
        {
            if (study.Status is not (StudyStatus.Running or StudyStatus.Paused) || registry.Get(study.Id) is not null)
            {
                continue;
            }

            try
            {
                if (await ownership.TryOwnAsync(study.Id, cancellationToken))
                {
                    await loader.LoadAsync(study.Id, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreadable study must not keep the host from serving the others.
                logger.LogError("Could not resume study {Name} ({Study}): {Error}", study.Name, study.Id, e.Message);
            }
        }
    }
}
