using HyperBus.Contracts;
using MassTransit;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Delivers the host's answer to a report to the worker that asked (transport-specific).</summary>
public interface IDecisionRouter
{
    Task SendAsync(ConsumeContext context, TrialDecision decision, string workerId);
}
