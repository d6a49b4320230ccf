using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Reporting.Dashboard;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

/// <summary>
/// A study its trainer pool paused shows why on the dashboard: in <c>/api/studies</c> and, read by headless chromium,
/// in a banner above the charts; a running study shows none.
/// </summary>
public sealed class DashboardPauseReasonTests : IAsyncLifetime, IDisposable
{
    private const string Reason = "paused: trainer sklearn-svc failing: CUDA error: device unavailable";

    private readonly TempStore _temp = new();
    private readonly StudyBuilder _paused = new StudyBuilder(name: "paused-study").Add(0.5, new { x = 0.1 }).Add(null, new { x = 0.2 }, Core.Trials.TrialState.Running);
    private readonly StudyBuilder _running = new StudyBuilder(name: "running-study").Add(0.4, new { x = 0.3 });
    private DashboardServer? _server;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        await _temp.AddAsync(_paused);
        await _temp.AddAsync(_running);
        // Stored as the host pauses a study: the status and, with the saga's state, the reason.
        var commit = new StudyCommit { Saga = new StudySaga(_paused.Record.Id, "Paused", 0, Reason) };
        commit.Write(w => w.SetStudyStatus(_paused.Record.Id, StudyStatus.Paused, null));
        await _temp.Store.CommitAsync(commit);
        _url = new Uri($"http://127.0.0.1:{FreePort()}/");
        _server = new DashboardServer(_temp.Store, _url);
        await _server.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_api_gives_a_paused_study_s_reason_and_none_for_a_running_one()
    {
        using var http = new HttpClient { BaseAddress = _url };

        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/studies"));
        using var one = JsonDocument.Parse(await http.GetStringAsync("/api/studies/paused-study"));

        var studies = list.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(("paused", Reason), (studies["paused-study"].GetProperty("status").GetString(), studies["paused-study"].GetProperty("pauseReason").GetString()));
        Assert.False(studies["running-study"].TryGetProperty("pauseReason", out _));
        Assert.Equal(Reason, one.RootElement.GetProperty("pauseReason").GetString());
    }

    [Fact]
    public async Task The_page_shows_the_reason_of_the_chosen_paused_study_and_hides_the_banner_for_a_running_one()
    {
        var paused = await Chromium.DumpDomAsync(new Uri(_url, $"?study={_paused.Record.Id}"));
        var running = await Chromium.DumpDomAsync(new Uri(_url, $"?study={_running.Record.Id}"));

        Assert.Contains($"<div id=\"pause-reason\">{WebUtility.HtmlEncode(Reason)}</div>", paused, StringComparison.Ordinal);
        Assert.Contains("<b id=\"status\">paused</b>", paused, StringComparison.Ordinal);
        Assert.Contains("<div id=\"pause-reason\" hidden=\"\"></div>", running, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public void Dispose() => _temp.Dispose();
}
