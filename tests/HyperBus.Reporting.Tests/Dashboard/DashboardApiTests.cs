using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Dashboard;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

public sealed class DashboardApiTests : IAsyncLifetime, IDisposable
{
    private readonly TempStore _store = new();
    private readonly StudyBuilder _study = RichStudy.Create("rich");
    private DashboardServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _store.AddAsync(_study);
        _server = new DashboardServer(_store.Store, new Uri("http://127.0.0.1:0"));
        await _server.StartAsync(CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Address };
    }

    [Fact]
    public async Task Studies_lists_each_study_with_its_counts_and_best_value()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/studies"));

        var study = Assert.Single(json.RootElement.EnumerateArray());
        var snapshot = _study.Build();
        Assert.Equal(_study.Record.Id, study.GetProperty("id").GetGuid());
        Assert.Equal("rich", study.GetProperty("name").GetString());
        Assert.Equal("running", study.GetProperty("status").GetString());
        Assert.Equal("maximize", study.GetProperty("direction").GetString());
        Assert.Equal("accuracy", study.GetProperty("metric").GetString());
        Assert.Equal(25, study.GetProperty("trials").GetInt32());
        Assert.Equal(snapshot.Trials.Count(t => t.State == TrialState.Completed), study.GetProperty("completed").GetInt32());
        Assert.Equal(5, study.GetProperty("pruned").GetInt32());
        Assert.Equal(1, study.GetProperty("failed").GetInt32());
        Assert.Equal(snapshot.Best!.Value!.Value, study.GetProperty("bestValue").GetDouble(), 12);
        Assert.Equal(snapshot.Best.Number, study.GetProperty("bestTrial").GetInt32());
    }

    [Fact]
    public async Task Trials_gives_every_trial_with_params_state_value_duration_and_reports_by_id_or_name()
    {
        using var byId = JsonDocument.Parse(await _http.GetStringAsync($"/api/studies/{_study.Record.Id}/trials"));
        using var byName = JsonDocument.Parse(await _http.GetStringAsync("/api/studies/rich/trials"));

        Assert.Equal(byId.RootElement.GetRawText(), byName.RootElement.GetRawText());
        var trials = byId.RootElement.EnumerateArray().ToList();
        Assert.Equal(25, trials.Count);
        var expected = _study.Trials[3];
        var pruned = trials[3];
        Assert.Equal(3, pruned.GetProperty("number").GetInt32());
        Assert.Equal("pruned", pruned.GetProperty("state").GetString());
        Assert.Equal(expected.Value!.Value, pruned.GetProperty("value").GetDouble(), 12);
        Assert.Equal((double)expected.Params["lr"], pruned.GetProperty("params").GetProperty("lr").GetDouble(), 12);
        Assert.Equal((string)expected.Params["kernel"], pruned.GetProperty("params").GetProperty("kernel").GetString());
        Assert.Equal([1L, 2, 3], pruned.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("step").GetInt64()));
        Assert.Equal(0.5, pruned.GetProperty("durationSeconds").GetDouble(), 6);
        Assert.Equal("0", pruned.GetProperty("attributes").GetProperty("generation").GetString());
        Assert.Equal(2, trials[24].GetProperty("attempt").GetInt32());
        Assert.False(trials[24].TryGetProperty("value", out _));
    }

    [Fact]
    public async Task It_is_live_a_trial_stored_after_the_first_request_shows_in_the_next()
    {
        var before = (await _http.GetFromJsonAsync<JsonElement>("/api/studies"))[0].GetProperty("trials").GetInt32();
        var builder = new StudyBuilder(RichStudy.Space).Add(0.99, new { lr = 0.05, depth = 4, kernel = "rbf" });
        await _store.AddTrialAsync(_study.Record.Id, builder.Trials[0] with { Number = 25 });

        var after = await _http.GetFromJsonAsync<JsonElement>("/api/studies");

        Assert.Equal(before + 1, after[0].GetProperty("trials").GetInt32());
        Assert.Equal(0.99, after[0].GetProperty("bestValue").GetDouble());
        Assert.Equal(25, after[0].GetProperty("bestTrial").GetInt32());
    }

    [Fact]
    public async Task An_unknown_study_is_a_404_with_a_json_error_naming_it()
    {
        var response = await _http.GetAsync("/api/studies/nope/trials");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no study with id or name 'nope'", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_api_is_read_only()
    {
        using var post = await _http.PostAsync("/api/studies", new StringContent("{}"));
        using var delete = await _http.DeleteAsync($"/api/studies/{_study.Record.Id}/trials");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(25, (await _http.GetFromJsonAsync<JsonElement>("/api/studies"))[0].GetProperty("trials").GetInt32());
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_and_loads_nothing_from_the_network()
    {
        var response = await _http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("fetch(url", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error\" hidden", html, StringComparison.Ordinal);
        SelfContainedHtml.Assert(html);
    }

    [Fact]
    public void It_binds_to_loopback_unless_told_otherwise_and_rejects_a_bad_url_naming_the_option()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8050"), DashboardAddress.Parse(null));
        Assert.Equal(new Uri("http://0.0.0.0:9000"), DashboardAddress.Parse("http://0.0.0.0:9000"));
        var error = Assert.Throws<SpecException>(() => DashboardAddress.Parse("ftp://example.org"));
        Assert.Equal("--dashboard", Assert.Single(error.Errors).Path);
        Assert.Throws<SpecException>(() => DashboardAddress.Parse("http://127.0.0.1:8050/sub/path"));
        Assert.Equal("127.0.0.1", _server.Address!.Host);
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _store.Dispose();
    }

    public void Dispose() => _http.Dispose();
}
