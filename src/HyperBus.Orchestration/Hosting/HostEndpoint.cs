using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Leases;
using HyperBus.Orchestration.Saga;
using HyperBus.Orchestration.Verification;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// The host's queue, filters in the order a message meets them (after the bus's size limit): message type, consume retry, study
/// ownership, model scoring (outside the study's lock), then the study saga.
/// </summary>
public static class HostEndpoint
{
    public static void Configure(IReceiveEndpointConfigurator e, IBusRegistrationContext context, HyperBusOptions options)
    {
        if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            // One study's messages are handled one at a time (the saga instance is locked), so a deep
            // prefetch keeps the next outcomes ready instead of waiting on the broker between them.
            rabbit.PrefetchCount = options.HostPrefetch;
        }

        e.UseFilter(new MessageTypeFilter(HostMessages.Types));
        e.ConfigureDeadLetter(d => d.UseFilter(new UnknownMessageTypeDeadLetterFilter()));
        // A handler that failed on something transient (the store busy past its own retries, another host's save)
        // runs again against the stored state; a message that can never be read is parked at once.
        e.UseMessageRetry(r =>
        {
            r.Intervals(50, 200, 500, 1000, 2000);
            r.Ignore<UnknownMessageTypeException>();
            r.Ignore<System.Text.Json.JsonException>();
        });
        e.UseConsumeFilter(typeof(StudyOwnershipFilter<>), context);
        e.UseConsumeFilter(typeof(PrepareVerificationFilter<>), context);
        e.ConfigureSaga<StudyState>(context);
    }
}
