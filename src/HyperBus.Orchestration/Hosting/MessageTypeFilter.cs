using MassTransit;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// Refuses a message whose <c>MT-MessageType</c> header is missing: the raw JSON deserializer would otherwise bind
/// a headerless body to any message type it is asked for (a bare <c>{"studyId": ...}</c> became a CancelStudy).
/// The exception parks it in the endpoint's <c>_error</c> queue with the reason. A header naming a type no
/// consumer here takes never reaches this filter: it goes to <c>_skipped</c> unread, with the reason
/// (<see cref="UnknownMessageTypeDeadLetterFilter"/>).
/// </summary>
public sealed class MessageTypeFilter(IReadOnlySet<string> known) : IFilter<ConsumeContext>
{
    public const string Header = "MT-MessageType";

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var type = context.ReceiveContext.TransportHeaders.Get<string>(Header);
        if (type is null)
        {
            // MassTransit's own in-memory transport carries the type in its envelope, not a transport header.
            return context.ReceiveContext.InputAddress?.Scheme == "loopback"
                ? next.Send(context)
                : throw new UnknownMessageTypeException($"message has no {Header} header; it is not consumed as any message");
        }

        foreach (var name in type.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (known.Contains(name))
            {
                return next.Send(context);
            }
        }

        throw new UnknownMessageTypeException($"{Header} '{type}' names no message this endpoint consumes");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("messageType");
}
