using MassTransit;

namespace HyperBus.Bench.Bus;

/// <summary>Counts pongs and frees a slot of the in-flight window for each.</summary>
public sealed class PongCounter : IConsumer<Pong>
{
    public static SemaphoreSlim Window { get; } = new(0);

    private static int _received;

    public static int Received => Volatile.Read(ref _received);

    public static void Reset() => Interlocked.Exchange(ref _received, 0);

    public Task Consume(ConsumeContext<Pong> context)
    {
        Interlocked.Increment(ref _received);
        Window.Release();
        return Task.CompletedTask;
    }
}
