using System.Collections.Concurrent;
using HyperBus.Contracts;
using HyperBus.Orchestration.Metrics;
using MassTransit;

namespace HyperBus.Telemetry;

/// <summary>
/// Counts trial traffic from what crosses the bus, so the saga needs no metric calls: requests the host sends,
/// outcomes and reports it consumes, decisions it sends or publishes, and handlers that fault. Outcomes are
/// counted on consumption, which happens only in the host, so a process that is host and worker counts once.
/// </summary>
public sealed class TrialTrafficObserver : IConsumeObserver, ISendObserver, IPublishObserver
{
    private readonly HyperBusMetrics _metrics;
    private readonly StudyLabels _labels;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(Guid Trial, int Attempt), DateTimeOffset> _sentAt = new();

    public TrialTrafficObserver(HyperBusMetrics metrics, StudyLabels labels, TimeProvider time)
    {
        _metrics = metrics;
        _labels = labels;
        _time = time;
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public async Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        switch (context.Message)
        {
            case TrialStarted started:
                {
                    var (study, trainer) = await _labels.ForAsync(started.StudyId, context.CancellationToken);
                    TimeSpan? wait = _sentAt.TryRemove((started.TrialId, started.Attempt), out var sent) ? started.StartedAt - sent : null;
                    _metrics.TrialStarted(study, trainer, wait);
                    break;
                }

            case TrialCompleted completed:
                {
                    _sentAt.TryRemove((completed.TrialId, completed.Attempt), out _);
                    var (study, trainer) = await _labels.ForAsync(completed.StudyId, context.CancellationToken);
                    _metrics.TrialCompleted(study, trainer, completed.Pruned, completed.DurationSeconds);
                    break;
                }

            case TrialFailed failed:
                {
                    _sentAt.TryRemove((failed.TrialId, failed.Attempt), out _);
                    var (study, trainer) = await _labels.ForAsync(failed.StudyId, context.CancellationToken);
                    _metrics.TrialFailed(study, trainer, failed.Retryable);
                    break;
                }

            case TrialReported reported:
                {
                    var (study, trainer) = await _labels.ForAsync(reported.StudyId, context.CancellationToken);
                    _metrics.TrialReported(study, trainer);
                    break;
                }
        }
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        _metrics.MessageFaulted(typeof(T).Name);
        return Task.CompletedTask;
    }

    public Task PreSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public async Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        switch (context.Message)
        {
            case TrialRequested requested:
                {
                    // Queue wait starts when the broker has the request; SentTime is stamped by MassTransit at send.
                    _sentAt[(requested.TrialId, requested.Attempt)] = context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : _time.GetUtcNow();
                    _labels.Learn(requested.StudyId, requested.Trainer);
                    var (study, trainer) = await _labels.ForAsync(requested.StudyId, context.CancellationToken);
                    _metrics.TrialRequested(study, trainer);
                    break;
                }

            case TrialDecision decision:
                _metrics.DecisionSent(decision.Action.ToString().ToLowerInvariant());
                break;
        }
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        // On the in-memory bus decisions are published rather than sent to a worker's exchange.
        if (context.Message is TrialDecision decision)
        {
            _metrics.DecisionSent(decision.Action.ToString().ToLowerInvariant());
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
