using HyperBus.Contracts;
using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Fails attempts whose deadline passed with neither an outcome nor a report (a hung trainer, a lost
/// message), by publishing a retryable TrialFailed that goes through the saga like any other.
/// </summary>
public sealed class DeadlineWatcher : BackgroundService
{
    private readonly StudyRuntimeRegistry _registry;
    private readonly IBus _bus;
    private readonly TimeProvider _time;
    private readonly HyperBusOptions _options;
    private readonly ILogger<DeadlineWatcher> _logger;

    public DeadlineWatcher(StudyRuntimeRegistry registry, IBus bus, TimeProvider time, HyperBusOptions options, ILogger<DeadlineWatcher> logger)
    {
        _registry = registry;
        _bus = bus;
        _time = time;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.DeadlinePollInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ExpireAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Deadline check failed; trying again at the next tick");
            }
        }
    }

    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var study in _registry.All)
        {
            foreach (var ((trialId, attempt), deadline) in study.Deadlines)
            {
                if (deadline > now || !study.Deadlines.TryRemove((trialId, attempt), out _))
                {
                    continue;
                }

                _logger.LogWarning("Trial {Trial} attempt {Attempt} of {Study} passed its deadline", trialId, attempt, study.Spec.Name);
                var error = $"deadline exceeded: no outcome or report within {study.Spec.TrialTimeoutSeconds} s";
                await _bus.Publish(new TrialFailed(study.StudyId, trialId, attempt, error, Retryable: true, WorkerId: "host"), cancellationToken);
            }
        }
    }
}
