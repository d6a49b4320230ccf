using MassTransit;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>
/// Checks a TrialRequested body before MassTransit deserializes it, which would otherwise run a request
/// missing its ids with empty Guids. A malformed one is parked unchanged in <c>_error</c> with the reason.
/// </summary>
public sealed class MalformedRequestFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next) =>
        TrialRequestValidation.Problem(context.ReceiveContext.Body.GetBytes()) is { } problem
            ? throw new MalformedRequestException($"malformed TrialRequested: {problem}")
            : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("malformedRequest");
}
