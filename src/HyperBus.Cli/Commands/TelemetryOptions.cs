using System.CommandLine;
using HyperBus.Core.Specs;
using HyperBus.Telemetry;

namespace HyperBus.Cli.Commands;

/// <summary><c>--metrics URL</c>, <c>--otlp URL</c>, <c>--health URL</c>: what a long-running host or worker exposes to operators.</summary>
public static class TelemetryOptions
{
    public static Option<string?> Metrics { get; } = new("--metrics")
    {
        Description = "serve Prometheus metrics at URL, e.g. http://127.0.0.1:9464/metrics",
    };

    public static Option<string?> Otlp { get; } = new("--otlp")
    {
        Description = "send traces and metrics by OTLP to this collector, e.g. http://127.0.0.1:4317 (default: $OTEL_EXPORTER_OTLP_ENDPOINT)",
    };

    public static Option<string?> Health { get; } = new("--health")
    {
        Description = "serve liveness at URL and readiness at URL/ready, e.g. http://127.0.0.1:8081/healthz",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Metrics);
        command.Options.Add(Otlp);
        command.Options.Add(Health);
    }

    /// <summary>The telemetry this process exports; bad URLs are user errors naming the option (exit code 2).</summary>
    public static HyperBusTelemetryOptions Read(ParseResult result, string serviceName, string? storagePath)
    {
        var errors = new List<SpecError>();
        var options = new HyperBusTelemetryOptions
        {
            ServiceName = serviceName,
            StoragePath = storagePath,
            PrometheusUrl = HttpUrl(result.GetValue(Metrics), "--metrics", errors),
            OtlpEndpoint = HttpUrl(result.GetValue(Otlp) ?? NonEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")), "--otlp", errors, allowHttps: true),
            HealthUrl = HttpUrl(result.GetValue(Health), "--health", errors),
        };
        if (options.PrometheusUrl is { } m && options.HealthUrl is { } h && m.Port == h.Port && m.Host == h.Host)
        {
            errors.Add(new SpecError("--health", "must use another port than --metrics"));
        }

        return errors.Count > 0 ? throw new SpecException(errors) : options;
    }

    public static void Announce(HyperBusTelemetryOptions options)
    {
        if (options.PrometheusUrl is { } metrics)
        {
            Console.Error.WriteLine($"hyperbus: metrics at {metrics}");
        }

        if (options.HealthUrl is { } health)
        {
            var live = HealthEndpoint.LivenessPath(health);
            Console.Error.WriteLine($"hyperbus: health at {health.GetLeftPart(UriPartial.Authority)}{live} (readiness {live}/ready)");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Uri? HttpUrl(string? value, string option, List<SpecError> errors, bool allowHttps = false)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttp || (allowHttps && url.Scheme == Uri.UriSchemeHttps)) || url.Port <= 0)
        {
            errors.Add(new SpecError(option, $"must be an {(allowHttps ? "http:// or https://" : "http://")} URL with a port, not '{value}'"));
            return null;
        }

        return url;
    }
}
