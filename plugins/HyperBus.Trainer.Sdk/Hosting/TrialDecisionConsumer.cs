using HyperBus.Contracts;
using MassTransit;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>Hands the host's answer to a report back to the trainer waiting in <see cref="TrialContext.ReportAsync"/>.</summary>
public sealed class TrialDecisionConsumer : IConsumer<TrialDecision>
{
    private readonly PendingDecisions _pending;

    public TrialDecisionConsumer(PendingDecisions pending)
    {
        _pending = pending;
    }

    public Task Consume(ConsumeContext<TrialDecision> context)
    {
        _pending.Complete(context.Message);
        return Task.CompletedTask;
    }
}
