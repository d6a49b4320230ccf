using MassTransit;
using MassTransit.Transports;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// Where a message goes that no consumer of the endpoint takes (an <c>MT-MessageType</c> naming something else):
/// the endpoint's <c>_skipped</c> queue, unread, as MassTransit does by default, but with an <c>MT-Reason</c>
/// that says which type it named, so whoever looks at the queue knows why it is there.
/// </summary>
public sealed class UnknownMessageTypeDeadLetterFilter : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (!context.TryGetPayload(out IDeadLetterTransport? transport))
        {
            throw new TransportException(context.InputAddress, "no dead-letter transport on this endpoint");
        }

        var type = context.TransportHeaders.Get<string>(MessageTypeFilter.Header) ?? "(none)";
        await transport.Send(context, $"{MessageTypeFilter.Header} '{type}' names no message this endpoint consumes");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unknownMessageType");
}
