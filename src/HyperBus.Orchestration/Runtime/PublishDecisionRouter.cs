using HyperBus.Contracts;
using MassTransit;

namespace HyperBus.Orchestration.Runtime;

/// <summary>In-process bus: publish the decision; the waiting worker matches it by trial, attempt and step.</summary>
public sealed class PublishDecisionRouter : IDecisionRouter
{
    public Task SendAsync(ConsumeContext context, TrialDecision decision, string workerId) => context.Publish(decision);
}
