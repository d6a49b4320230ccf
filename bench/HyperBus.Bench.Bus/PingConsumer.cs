using MassTransit;

namespace HyperBus.Bench.Bus;

/// <summary>Answers each ping with a published pong: one send plus one publish, as a trial costs a worker.</summary>
public sealed class PingConsumer : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context) => context.Publish(new Pong(context.Message.RunId, context.Message.Sequence));
}
