using HyperBus.Orchestration.Feeds;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Leases;
using HyperBus.Orchestration.Metrics;
using HyperBus.Orchestration.Outbox;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Saga;
using HyperBus.Orchestration.Saga.Repository;
using HyperBus.Orchestration.Verification;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Hosting;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBus.Hosting;

/// <summary>Puts HyperBus on a message bus: the optimizer host, trainer workers and study watchers, on one transport.</summary>
public static class HyperBusServiceCollectionExtensions
{
    /// <summary>
    /// Registers MassTransit with the parts <paramref name="options"/> asks for. Register the study store
    /// (for a host) and the trainers (for workers) before calling this.
    /// </summary>
    public static IServiceCollection AddHyperBus(this IServiceCollection services, HyperBusOptions options)
    {
        services.AddHyperBusServices(options);
        services.AddMassTransit(x => x.AddHyperBusBus(options));
        if (options.RunHost)
        {
            // After MassTransit's hosted service, so the bus is up when the sweeper relays what a crash left unsent.
            services.AddHostedService<OutboxSweeper>();
        }

        return services;
    }

    /// <summary>The services behind the bus parts (store and trainers are registered by the caller).</summary>
    public static IServiceCollection AddHyperBusServices(this IServiceCollection services, HyperBusOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Without this, publishing right after start hangs or is lost.
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        if (options.RunHost)
        {
            var trainers = options.Transport == BusTransport.InMemory ? services.TrainerKinds() : null;
            services.TryAddSingleton(new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, trainers));
            services.AddStudyHost(options);
        }

        if (options.RunWorkers)
        {
            services.AddTrainerWorker(o => o.Concurrency = options.WorkerConcurrency);
        }

        if (options.Watch)
        {
            services.TryAddSingleton<StudyFeed>();
        }

        return services;
    }

    /// <summary>The host's parts: the saga's repository over the store, its activities' helpers, leases, the outbox.</summary>
    private static void AddStudyHost(this IServiceCollection services, HyperBusOptions options)
    {
        services.TryAddSingleton<HostIdentity>();
        services.TryAddSingleton<HyperBusMetrics>();
        services.TryAddSingleton<StudyRuntimeRegistry>();
        services.TryAddSingleton<StudyLoader>();
        services.TryAddSingleton<StudySagaLocks>();
        services.TryAddSingleton<StudySagaCache>();
        services.TryAddSingleton<StudyCommitQueues>();
        services.TryAddSingleton<StudyOwnership>();
        services.TryAddSingleton<OutboxRelay>();
        services.TryAddSingleton<SlotFiller>();
        services.TryAddSingleton<StudyCloser>();
        services.TryAddScoped<StudyTransaction>();
        services.TryAddScoped<AttemptFailure>();
        services.AddHostedService<DeadlineWatcher>();
        services.AddHostedService<LeaseKeeper>();
        services.AddTrialPolicies();
        if (options.Transport == BusTransport.RabbitMq)
        {
            // A broker-backed host outlives its studies' processes; an in-memory tune runs only its own study.
            services.AddHostedService<StudyResumer>();
            services.AddHostedService<TrainerQueueWatcher>();
        }
    }

    /// <summary>The saga, consumers and transport; separate so tests can put them on MassTransit's test harness.</summary>
    public static void AddHyperBusBus(this IBusRegistrationConfigurator x, HyperBusOptions options)
    {
        // No calls home from a tuning service: MassTransit's usage telemetry is off.
        x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
        if (options.RunHost)
        {
            x.AddSagaStateMachine<StudyStateMachine, StudyState>().Repository(r =>
                r.RegisterSagaRepository<StudyState, StudySagaCache, SagaConsumeContextFactory<StudySagaCache, StudyState>, StudySagaRepositoryContextFactory>());
        }

        if (options.RunWorkers)
        {
            x.AddConsumer<TrialRequestedConsumer>();
            x.AddConsumer<TrialDecisionConsumer>();
        }

        if (options.Watch)
        {
            x.AddConsumer<StudyFeedConsumer>();
        }

        switch (options.Transport)
        {
            case BusTransport.InMemory:
                x.UsingInMemory((context, cfg) => ConfigureEndpoints(context, cfg, options));
                break;
            case BusTransport.RabbitMq:
                x.UsingRabbitMq((context, cfg) =>
                {
                    RabbitMqConnection.Configure(cfg, options.RabbitMqUri ?? throw new InvalidOperationException("a RabbitMQ URL is required"));
                    if (options.PrivateTopology is { } topology)
                    {
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixedEntityNameFormatter(topology, cfg.MessageTopology.EntityNameFormatter));
                    }

                    ConfigureEndpoints(context, cfg, options);
                });
                break;
        }
    }

    private static void ConfigureEndpoints(IBusRegistrationContext context, IBusFactoryConfigurator cfg, HyperBusOptions options)
    {
        // Plain JSON on the wire so that trainers in any language need only an AMQP client and the schemas.
        cfg.UseRawJsonSerializer(RawSerializerOptions.Default, isDefault: true);

        if (options.RunHost)
        {
            cfg.ReceiveEndpoint(options.HostQueue, e =>
            {
                e.UseFilter(new MessageSizeLimitFilter(options.MaxMessageBytes));
                HostEndpoint.Configure(e, context, options);
            });
        }

        if (options.RunWorkers)
        {
            var kinds = context.GetServices<TrainerRegistration>().Select(t => t.Kind)
                .Where(k => options.TrainerKinds?.Contains(k) ?? true).Distinct(StringComparer.Ordinal);
            foreach (var kind in kinds)
            {
                cfg.ReceiveEndpoint(Contracts.MessageNames.TrainerQueue(kind), e =>
                {
                    // Training is bounded by TrainingSlots; the endpoint holds more requests than that, so the
                    // next one is here while an outcome waits for its confirm (and its request for the ack).
                    e.PrefetchCount = TrainingSlots.RequestsInHand(options.WorkerConcurrency);
                    e.ConcurrentMessageLimit = TrainingSlots.RequestsInHand(options.WorkerConcurrency);
                    e.UseFilter(new MessageSizeLimitFilter(options.MaxMessageBytes));
                    e.UseFilter(new MalformedRequestFilter());
                    e.ConfigureConsumer<TrialRequestedConsumer>(context);
                });
            }

            DecisionEndpoint.Configure(cfg, context, context.GetRequiredService<WorkerIdentity>());
        }

        if (options.Watch)
        {
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("hyperbus-watch"), e => e.ConfigureConsumer<StudyFeedConsumer>(context));
        }
    }
}
