using HyperBus.Contracts;
using HyperBus.Trainer.Sdk.Hosting;
using MassTransit;

namespace HyperBus.Hosting;

/// <summary>The worker's private endpoint on which the host's answers to its reports arrive.</summary>
public static class DecisionEndpoint
{
    public static void Configure(IBusFactoryConfigurator cfg, IBusRegistrationContext context, WorkerIdentity worker)
    {
        if (cfg is IRabbitMqBusFactoryConfigurator rabbit)
        {
            rabbit.ReceiveEndpoint($"hyperbus-worker-{worker.Id}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.ConfigureConsumeTopology = false;
                e.Bind(MessageNames.DecisionExchange, b =>
                {
                    b.ExchangeType = "direct";
                    b.RoutingKey = worker.Id;
                });
                e.ConfigureConsumer<TrialDecisionConsumer>(context);
            });
            return;
        }

        cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("hyperbus-decisions"), e => e.ConfigureConsumer<TrialDecisionConsumer>(context));
    }
}
