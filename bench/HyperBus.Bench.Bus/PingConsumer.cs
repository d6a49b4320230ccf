using MassTransit;

namespace HyperBus.Bench.Bus;

/// <summary>Answers each ping with a published pong: one send plus one publish, as a trial costs a worker.</summary>
public sealed class PingConsumer(PingDelay delay) : IConsumer<Ping>
{
    public async Task Consume(ConsumeContext<Ping> context)
    {
        if (delay.Value > TimeSpan.Zero)
        {
            await Task.Delay(delay.Value, context.CancellationToken);
        }

        await context.Publish(new Pong(context.Message.RunId, context.Message.Sequence));
    }
}
