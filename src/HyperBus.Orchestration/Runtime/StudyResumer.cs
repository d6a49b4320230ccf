using HyperBus.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Brings every study the store lists as running back into a restarted host. Messages about a study
/// would load it too, but a trial whose request was lost with the old host sends none: loaded, its
/// attempt gets a fresh deadline, and the deadline watcher fails and retries it.
/// </summary>
public sealed class StudyResumer : IHostedService
{
    private readonly IStudyStore _store;
    private readonly StudyRuntimeRegistry _registry;
    private readonly StudyLoader _loader;
    private readonly ILogger<StudyResumer> _logger;

    public StudyResumer(IStudyStore store, StudyRuntimeRegistry registry, StudyLoader loader, ILogger<StudyResumer> logger)
    {
        _store = store;
        _registry = registry;
        _loader = loader;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var study in await _store.ListStudiesAsync(cancellationToken))
        {
            if (study.Status != StudyStatus.Running || _registry.Get(study.Id) is not null)
            {
                continue;
            }

            try
            {
                await _loader.LoadAsync(study.Id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreadable study must not keep the host from serving the others.
                _logger.LogError(e, "Could not resume study {Name} ({Study})", study.Name, study.Id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
