using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Dashboard;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

/// <summary>
/// Headless chromium reads the dashboard's views of stored studies (a real SQLite store behind the real server):
/// the Pareto front of a multi-objective study, pruned and failed trials in the history, the intermediate values,
/// and cards that count what the table lists.
/// </summary>
public sealed partial class DashboardViewsTests : IAsyncLifetime, IDisposable
{
    private readonly TempStore _temp = new();
    private DashboardServer? _server;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _url = new Uri($"http://127.0.0.1:{FreePort()}/");
        _server = new DashboardServer(_temp.Store, _url);
        await _server.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_multi_objective_study_shows_its_front_with_the_objectives_named_on_the_axes()
    {
        var builder = new StudyBuilder(directions: [StudyDirection.Minimize, StudyDirection.Minimize], metric: "f1", name: "front")
            .AddObjectives([0.5, 0.5], new { x = 0.1 })   // front
            .AddObjectives([0.6, 0.6], new { x = 0.2 })   // dominated by #0
            .AddObjectives([0.1, 0.9], new { x = 0.3 })   // front
            .AddObjectives([0.9, 0.1], new { x = 0.4 })   // front
            .AddObjectives([0.9, 0.2], new { x = 0.5 });  // dominated by #3
        var spec = JsonNode.Parse(builder.Record.SpecJson)!.AsObject();
        spec["metrics"] = new JsonArray("f1", "f2");
        await _temp.AddAsync(builder.WithSpec(spec.ToJsonString()));

        var dom = await Chromium.DumpDomAsync(new Uri(_url, $"?study={builder.Record.Id}"));

        Assert.Contains("<div class=\"chart\" id=\"pareto-view\">", dom, StringComparison.Ordinal); // not hidden
        var pareto = Svg(dom, "pareto");
        Assert.Equal(3, Regex.Count(pareto, "class=\"front\""));
        Assert.Equal(5, Regex.Count(pareto, "class=\"point completed\""));
        Assert.Contains(">f1 (minimize)</text>", pareto, StringComparison.Ordinal);
        Assert.Contains(">f2 (minimize)</text>", pareto, StringComparison.Ordinal);
        Assert.True(Regex.Count(pareto, "class=\"tick x-tick\"") >= 3 && Regex.Count(pareto, "class=\"tick y-tick\"") >= 3, pareto);
    }

    [Fact]
    public async Task Pruned_and_failed_trials_are_drawn_intermediate_values_shown_and_the_cards_count_the_table()
    {
        var builder = new StudyBuilder(direction: StudyDirection.Maximize, metric: "accuracy", name: "pruning");
        for (var i = 0; i < 9; i++)
        {
            var pruned = i % 3 == 1;
            var reports = Enumerable.Range(1, pruned ? 2 : 5).Select(s => ((long)s, (0.5 + (0.05 * i)) * s / 5.0)).ToList();
            builder.Add(reports[^1].Item2, new { x = i / 10.0 }, pruned ? TrialState.Pruned : TrialState.Completed, reports);
        }

        builder.Add(null, new { x = 0.95 }, TrialState.Failed).Add(null, new { x = 0.99 }, TrialState.Failed).Add(null, new { x = 0.5 }, TrialState.Running);
        await _temp.AddAsync(builder);

        var dom = await Chromium.DumpDomAsync(new Uri(_url, $"?study={builder.Record.Id}"));

        var history = Svg(dom, "history");
        Assert.Equal(6, Regex.Count(history, "class=\"point completed\""));
        Assert.Equal(3, Regex.Count(history, "class=\"point pruned\""));
        Assert.Equal(2, Regex.Count(history, "class=\"point failed\""));
        Assert.Contains("<div class=\"chart\" id=\"intermediate-view\">", dom, StringComparison.Ordinal);
        var intermediate = Svg(dom, "intermediate");
        Assert.Equal(6, Regex.Count(intermediate, "class=\"curve completed\""));
        Assert.Equal(3, Regex.Count(intermediate, "class=\"curve pruned\""));
        Assert.Contains(">step</text>", intermediate, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"pareto-view\" hidden=\"\">", dom, StringComparison.Ordinal); // one objective: no front

        // The cards count the rows the table shows, state by state.
        int Rows(string state) => Regex.Count(dom, $"<tr class=\"{state}( best)?\">");
        Assert.Equal(12, Rows("completed") + Rows("pruned") + Rows("failed") + Rows("running"));
        Assert.Contains("<b id=\"trial-count\">12</b>", dom, StringComparison.Ordinal);
        Assert.Contains($"<b id=\"completed-count\">{Rows("completed")}</b>", dom, StringComparison.Ordinal);
        Assert.Contains($"<b id=\"running-count\">{Rows("running")}</b>", dom, StringComparison.Ordinal);
        Assert.Contains($"<b id=\"pruned-failed\">{Rows("pruned")} / {Rows("failed")}</b>", dom, StringComparison.Ordinal);
        Assert.Equal((6, 1, 3, 2), (Rows("completed"), Rows("running"), Rows("pruned"), Rows("failed")));
    }

    private static string Svg(string dom, string id)
    {
        var match = Regex.Match(dom, $"<svg id=\"{id}\".*?</svg>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no svg #{id}");
        return match.Value;
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
