using MassTransit;

namespace HyperBus.Hosting;

/// <summary>
/// Refuses a message larger than the limit before any handler sees it. HyperBus messages carry
/// references (checkpoint and artifact paths), never payloads, so a big one is a mistake or an attack;
/// the exception moves it to the endpoint's <c>_error</c> queue with the reason.
/// </summary>
public sealed class MessageSizeLimitFilter : IFilter<ConsumeContext>
{
    private readonly long _maxBytes;

    public MessageSizeLimitFilter(long maxBytes) => _maxBytes = maxBytes;

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var size = context.ReceiveContext.Body.Length ?? context.ReceiveContext.Body.GetBytes().LongLength;
        return size > _maxBytes
            ? throw new MessageTooLargeException($"message of {size} bytes is over the {_maxBytes}-byte limit")
            : next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("messageSizeLimit").Add("maxBytes", _maxBytes);
}
