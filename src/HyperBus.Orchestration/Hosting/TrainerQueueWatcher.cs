using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// Says so when a running study waits on a trainer kind no worker serves: it passively declares each
/// running study's trainer queue and reads its consumer count. After <see cref="HyperBusOptions.NoWorkerWarningAfter"/>
/// without a consumer it logs one warning, publishes StudyProgressed with <see cref="StudyProgressed.Warning"/>
/// (the progress bar shows it) and marks the waiting trials (status shows it); a consumer arriving clears it.
/// </summary>
public sealed class TrainerQueueWatcher : BackgroundService
{
    /// <summary>The trial attribute holding the warning while the trial waits for a worker ("" once one came).</summary>
    public const string WaitingAttribute = "waitingFor";

    private readonly StudyRuntimeRegistry _registry;
    private readonly IBus _bus;
    private readonly IStudyStore _store;
    private readonly TimeProvider _time;
    private readonly HyperBusOptions _options;
    private readonly ILogger<TrainerQueueWatcher> _logger;
    private readonly Dictionary<Guid, DateTimeOffset> _idleSince = [];
    private readonly Dictionary<Guid, (string Warning, List<Guid> Trials)> _warned = [];

    public TrainerQueueWatcher(StudyRuntimeRegistry registry, IBus bus, IStudyStore store, TimeProvider time, HyperBusOptions options, ILogger<TrainerQueueWatcher> logger)
    {
        _registry = registry;
        _bus = bus;
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RabbitMqUri is not { } uri)
        {
            return;
        }

        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = "hyperbus host: trainer queue watch" };
        IConnection? connection = null;
        using var timer = new PeriodicTimer(_options.TrainerQueuePollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await factory.CreateConnectionAsync(stoppingToken);
                    await CheckAsync(connection, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The broker is away: MassTransit reports that; this check simply tries again.
                    _logger.LogDebug(e, "Trainer queue check failed; trying again at the next tick");
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private async Task CheckAsync(IConnection connection, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var studies = _registry.All.ToList();
        foreach (var gone in _idleSince.Keys.Concat(_warned.Keys).Where(id => studies.All(s => s.StudyId != id)).ToList())
        {
            _idleSince.Remove(gone);
            if (_warned.Remove(gone, out var ended))
            {
                // It ended (or was cancelled) before a check saw a worker: its trials need no warning any more.
                await MarkAsync(ended.Trials, "", ct);
            }
        }

        foreach (var study in studies)
        {
            var queue = MessageNames.TrainerQueue(study.Spec.Trainer);
            var consumers = await ConsumersAsync(connection, queue, ct);
            if (consumers > 0 || study.Running == 0)
            {
                _idleSince.Remove(study.StudyId);
                if (_warned.Remove(study.StudyId, out var cleared))
                {
                    _logger.LogInformation("Study {Study}: a worker consumes {Queue} now", study.Spec.Name, queue);
                    await MarkAsync(cleared.Trials, "", ct);
                    if (Snapshot(study) is { } current)
                    {
                        await _bus.Publish(current, ct);
                    }
                }

                continue;
            }

            var since = _idleSince.TryGetValue(study.StudyId, out var idle) ? idle : _idleSince[study.StudyId] = now;
            if (now - since < _options.NoWorkerWarningAfter || _warned.ContainsKey(study.StudyId))
            {
                continue;
            }

            var warning = $"no worker consumes {queue} for {(now - since).TotalSeconds:0} s: start a worker of trainer kind '{study.Spec.Trainer}' (hyperbus worker --trainer {study.Spec.Trainer}, or any language's)";
            _logger.LogWarning("Study {Study}: {Running} trial(s) wait: {Warning}", study.Spec.Name, study.Running, warning);
            // The saga changes the study on other threads: the deadlines map is safe to copy, and a progress
            // snapshot that collided with a change is simply taken at the next tick.
            var waiting = study.Deadlines.Keys.Select(k => k.TrialId).Distinct().ToList();
            if (Snapshot(study) is not { } progress)
            {
                continue;
            }

            _warned[study.StudyId] = (warning, waiting);
            await MarkAsync(waiting, warning, ct);
            await _bus.Publish(progress with { Warning = warning }, ct);
        }
    }

    private async Task MarkAsync(IEnumerable<Guid> trials, string value, CancellationToken ct)
    {
        foreach (var trial in trials)
        {
            await _store.SetTrialAttributeAsync(trial, WaitingAttribute, value, ct);
        }
    }

    private static StudyProgressed? Snapshot(StudyRuntime study)
    {
        try
        {
            return TrialMessages.Progress(study);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Consumers on the queue; 0 when it does not exist yet (nobody declared it).</summary>
    private static async Task<uint> ConsumersAsync(IConnection connection, string queue, CancellationToken ct) =>
        (await PassiveQueue.ReadAsync(connection, queue, ct))?.ConsumerCount ?? 0;
}
