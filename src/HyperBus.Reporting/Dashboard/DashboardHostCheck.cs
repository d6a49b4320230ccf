using System.Net;
using Microsoft.AspNetCore.Http;

namespace HyperBus.Reporting.Dashboard;

/// <summary>
/// Refuses a request whose Host header names another host than the one the dashboard is bound to. A DNS-rebinding
/// page (attacker.example resolving to 127.0.0.1) reaches the port, but its requests carry the attacker's name.
/// </summary>
public sealed class DashboardHostCheck
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private readonly Uri _bound;

    public DashboardHostCheck(Uri bound) => _bound = bound;

    /// <summary>True when a request that says <paramref name="host"/> (the Host header, port optional) is meant for this dashboard.</summary>
    public bool Allows(string? host)
    {
        if (string.IsNullOrWhiteSpace(host) || !Uri.TryCreate($"http://{host}/", UriKind.Absolute, out var asked))
        {
            return false;
        }

        var name = asked.Host;
        if (string.Equals(name, _bound.Host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (_bound.IsLoopback)
        {
            return LoopbackNames.Contains(name, StringComparer.OrdinalIgnoreCase);
        }

        // Bound to every interface: the machine's addresses and names are all its own; an IP literal is never rebound.
        if (IsWildcard(_bound.Host))
        {
            return asked.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                || LoopbackNames.Contains(name, StringComparer.OrdinalIgnoreCase)
                || string.Equals(name, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Allows(context.Request.Headers.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"this dashboard answers requests for {_bound.Host} only");
            return;
        }

        await next(context);
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "*" or "+";
}
