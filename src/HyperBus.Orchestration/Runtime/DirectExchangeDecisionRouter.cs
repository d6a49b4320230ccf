using HyperBus.Contracts;
using MassTransit;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// RabbitMQ: decisions go to the direct exchange <c>hyperbus-decisions</c> with the asking worker's id as
/// routing key, so only that worker's queue receives them (workers in any language bind the same way).
/// </summary>
public sealed class DirectExchangeDecisionRouter : IDecisionRouter
{
    private static readonly Uri Exchange = new($"exchange:{MessageNames.DecisionExchange}?type=direct");

    public async Task SendAsync(ConsumeContext context, TrialDecision decision, string workerId)
    {
        var endpoint = await context.GetSendEndpoint(Exchange);
        await endpoint.Send(decision, c => c.SetRoutingKey(workerId), context.CancellationToken);
    }
}
