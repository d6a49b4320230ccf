using HyperBus.Contracts;
using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga;

/// <summary>A trial message for a study the store does not know (another host's store, or a forgery): dropped with a warning.</summary>
public static class UnknownStudy
{
    public static void Drop<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.TryGetPayload(out IServiceProvider? services))
        {
            services.GetService<ILogger<StudyStateMachine>>()?.LogWarning("Dropped {Message} for study {Study}: no such study in this host's store",
                typeof(T).Name, HostMessages.StudyOf(context.Message));
        }
    }

    /// <summary>A report nobody will decide on: answer Stop so the worker does not wait for a decision.</summary>
    public static async Task AnswerStopAsync(ConsumeContext<TrialReported> context)
    {
        Drop(context);
        var m = context.Message;
        var decision = new TrialDecision(m.StudyId, m.TrialId, m.Attempt, m.Step, TrialAction.Stop, null, null);
        var rabbit = context.TryGetPayload(out IServiceProvider? services) && services.GetService<HyperBusOptions>()?.Transport == BusTransport.RabbitMq;
        if (!rabbit)
        {
            await context.Publish(decision);
            return;
        }

        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{MessageNames.DecisionExchange}?type=direct"));
        await endpoint.Send(decision, c => c.SetRoutingKey(m.WorkerId), context.CancellationToken);
    }
}
