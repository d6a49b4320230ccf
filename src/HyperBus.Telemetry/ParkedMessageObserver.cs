using HyperBus.Orchestration.Metrics;
using MassTransit;

namespace HyperBus.Telemetry;

/// <summary>
/// Counts messages the receive pipeline could not handle (bad JSON, wrong types, over the size limit, a handler
/// that kept failing): MassTransit moves each to the queue's <c>_error</c> queue, where it is parked.
/// </summary>
public sealed class ParkedMessageObserver : IReceiveObserver
{
    private readonly HyperBusMetrics _metrics;

    public ParkedMessageObserver(HyperBusMetrics metrics)
    {
        _metrics = metrics;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        var queue = context.InputAddress?.AbsolutePath.TrimStart('/') ?? "unknown";
        _metrics.RecordParked(queue[(queue.LastIndexOf('/') + 1)..], exception.GetType().Name);
        return Task.CompletedTask;
    }
}
