using HyperBus.Core.Storage;
using HyperBus.Orchestration.Metrics;
using HyperBus.Orchestration.Verification;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HyperBus.Telemetry;

/// <summary>Service defaults for running HyperBus as a service: metrics, traces and health probes in one call.</summary>
public static class HyperBusTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds HyperBus's meter and activity source, the bus observers that count trials, timing of store writes and
    /// verification, the exporters <paramref name="options"/> names and the health endpoint. Call it after the store,
    /// the verifier and <c>AddHyperBus</c> are registered, so their registrations can be decorated.
    /// </summary>
    public static IServiceCollection AddHyperBusTelemetry(this IServiceCollection services, HyperBusTelemetryOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HyperBusMetrics());
        services.TryAddSingleton(sp => new StudyLabels(sp.GetService<IStudyStore>()));
        services.TryAddSingleton<TrialTrafficObserver>();
        services.AddConsumeObserver(sp => sp.GetRequiredService<TrialTrafficObserver>());
        services.AddSendObserver(sp => sp.GetRequiredService<TrialTrafficObserver>());
        services.AddPublishObserver(sp => sp.GetRequiredService<TrialTrafficObserver>());
        services.AddReceiveObserver(sp => new ParkedMessageObserver(sp.GetRequiredService<HyperBusMetrics>()));

        var hasStore = services.TryDecorate<IStudyStore>((store, sp) =>
            new TimedStudyStore(store, sp.GetRequiredService<HyperBusMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.TryDecorate<ITrialVerifier>((verifier, sp) =>
            new TimedTrialVerifier(verifier, sp.GetRequiredService<HyperBusMetrics>(), sp.GetRequiredService<TimeProvider>()));
        if (hasStore && options.ExportsMetrics)
        {
            services.AddHostedService<StudyStateGauge>();
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        if (options.ExportsTraces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(HyperBusActivitySource.Name, HyperBusActivitySource.MassTransitName);
                if (options.OtlpEndpoint is { } otlp)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                options.ConfigureTracing?.Invoke(tracing);
            });
        }

        if (options.ExportsMetrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                // MassTransit's meter adds receive/consume/send counts and durations per endpoint and message type.
                metrics.AddMeter(HyperBusMetrics.MeterName, HyperBusActivitySource.MassTransitName);
                if (options.PrometheusUrl is { } url)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Port = url.Port;
                        o.Host = url.Host;
                        if (ListenerPrefix.HostOf(url) == "*")
                        {
                            // The exporter builds a Uri from Host, which "*" is not; every interface is the listener's "*" prefix.
                            o.Host = "localhost";
                            o.ConfigureHttpListener = (_, listener) =>
                            {
                                listener.Prefixes.Clear();
                                listener.Prefixes.Add(ListenerPrefix.For(url));
                            };
                        }
                        o.ScrapeEndpointPath = url.AbsolutePath is "" or "/" ? "/metrics" : url.AbsolutePath;
                    });
                }

                if (options.OtlpEndpoint is { } otlp)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                options.ConfigureMetrics?.Invoke(metrics);
            });
        }

        if (options.HealthUrl is not null)
        {
            services.TryAddSingleton<ReadinessCheck>();
            services.AddHostedService<HealthEndpoint>();
        }

        return services;
    }
}
