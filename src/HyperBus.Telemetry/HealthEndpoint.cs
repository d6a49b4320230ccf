using System.Net;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Telemetry;

/// <summary>
/// Kubernetes-style probes on a small HTTP listener: <c>GET {path}</c> is liveness (200 while the process
/// serves), <c>GET {path}/ready</c> is readiness (200 only when the bus is connected and the store writable).
/// </summary>
public sealed class HealthEndpoint : BackgroundService
{
    private readonly Uri _url;
    private readonly ReadinessCheck _readiness;
    private readonly ILogger<HealthEndpoint> _logger;
    private readonly HttpListener _listener = new();

    public HealthEndpoint(HyperBusTelemetryOptions options, ReadinessCheck readiness, ILogger<HealthEndpoint> logger)
    {
        _url = options.HealthUrl ?? throw new InvalidOperationException("no health URL");
        _readiness = readiness;
        _logger = logger;
        _listener.Prefixes.Add(ListenerPrefix.For(_url));
    }

    /// <summary>The liveness path (the URL's path, <c>/healthz</c> when it has none).</summary>
    public static string LivenessPath(Uri url) => url.AbsolutePath is "" or "/" ? "/healthz" : url.AbsolutePath.TrimEnd('/');

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Started here, not in ExecuteAsync, so that a port in use fails the start with a clear error.
        _listener.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener.Stop();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var live = LivenessPath(_url);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context, live, stoppingToken);
            }
            catch (Exception e)
            {
                // One bad probe (a closed connection, a request HttpListener already answered) must never stop the process.
                _logger.LogDebug("health probe not answered: {Error}", e.Message);
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, string live, CancellationToken cancellationToken)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        int status;
        object body;
        if (context.Request.HttpMethod is not ("GET" or "HEAD"))
        {
            (status, body) = (405, new { status = "method not allowed" });
        }
        else if (path == live)
        {
            (status, body) = (200, new { status = "live" });
        }
        else if (path == live + "/ready")
        {
            var report = await _readiness.CheckAsync(cancellationToken);
            (status, body) = (report.Ready ? 200 : 503, new { status = report.Ready ? "ready" : "not ready", checks = report.Checks });
        }
        else
        {
            (status, body) = (404, new { status = "not found", live, ready = live + "/ready" });
        }

        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes, cancellationToken);
        context.Response.Close();
    }
}
