using HyperBus.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Reporting.Dashboard;

/// <summary>
/// The live dashboard: a small Kestrel app beside the optimizer (a hosted service of the host or tune process)
/// that serves the page and its read-only API from the study store.
/// </summary>
public sealed class DashboardServer : IHostedService, IAsyncDisposable
{
    private readonly IStudyStore _store;
    private readonly Uri _url;
    private WebApplication? _app;

    public DashboardServer(IStudyStore store, Uri url)
    {
        _store = store;
        _url = url;
    }

    /// <summary>The address it listens on once started (the real port when the URL asked for port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The empty builder reads no configuration or environment, so nothing but the given URL decides where it binds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(_url.GetLeftPart(UriPartial.Authority));
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(new DashboardHostCheck(_url).InvokeAsync);
        app.UseRouting();
        DashboardApi.Map(app, _store);
        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? _url : new Uri(bound);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
