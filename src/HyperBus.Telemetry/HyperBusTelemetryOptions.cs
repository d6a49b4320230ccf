using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HyperBus.Telemetry;

/// <summary>What a HyperBus process exports: Prometheus metrics, OTLP, a health endpoint.</summary>
public sealed class HyperBusTelemetryOptions
{
    /// <summary>The service name on every span and metric (<c>hyperbus-host</c>, <c>hyperbus-worker</c>).</summary>
    public string ServiceName { get; set; } = "hyperbus";

    /// <summary>Serve metrics for Prometheus at this URL, e.g. <c>http://127.0.0.1:9464/metrics</c>.</summary>
    public Uri? PrometheusUrl { get; set; }

    /// <summary>Send traces and metrics by OTLP to this collector endpoint (e.g. <c>http://127.0.0.1:4317</c>).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serve liveness at this URL and readiness at the same path + <c>/ready</c>.</summary>
    public Uri? HealthUrl { get; set; }

    /// <summary>The SQLite file readiness checks for writability; null when the process has no store.</summary>
    public string? StoragePath { get; set; }

    /// <summary>More tracing setup (tests add an in-memory exporter); turns tracing on.</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; set; }

    /// <summary>More metrics setup (tests add an in-memory exporter); turns metrics on.</summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; set; }

    public bool ExportsTraces => OtlpEndpoint is not null || ConfigureTracing is not null;

    public bool ExportsMetrics => PrometheusUrl is not null || OtlpEndpoint is not null || ConfigureMetrics is not null;
}
