using System.Net;
using HyperBus.Reporting.Dashboard;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

/// <summary>DNS rebinding: a page on attacker.example that resolves to 127.0.0.1 must not read the API.</summary>
public sealed class DashboardHostCheckTests : IAsyncLifetime, IDisposable
{
    private readonly TempStore _store = new();
    private DashboardServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _store.AddAsync(RichStudy.Create("rebinding"));
        _server = new DashboardServer(_store.Store, new Uri("http://127.0.0.1:0"));
        await _server.StartAsync(CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Address };
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:{port}")]
    [InlineData("127.0.0.1.attacker.example:{port}")]
    [InlineData("localhost.attacker.example")]
    [InlineData("10.0.0.1:{port}")]
    public async Task A_request_for_another_host_is_refused(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/studies");
        request.Headers.Host = host.Replace("{port}", _server.Address!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("rebinding", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]:{port}")]
    public async Task A_request_for_the_bound_host_or_a_loopback_name_is_served(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/studies");
        request.Headers.Host = host.Replace("{port}", _server.Address!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rebinding", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8050", "192.168.1.20:8050", true)]
    [InlineData("http://0.0.0.0:8050", "attacker.example:8050", false)]
    [InlineData("http://192.168.1.20:8050", "192.168.1.20:8050", true)]
    [InlineData("http://192.168.1.20:8050", "attacker.example:8050", false)]
    [InlineData("http://192.168.1.20:8050", "127.0.0.1:8050", false)]
    [InlineData("http://127.0.0.1:8050", "", false)]
    [InlineData("http://127.0.0.1:8050", "a b", false)]
    public void The_rule_for_other_bindings(string bound, string host, bool allowed) =>
        Assert.Equal(allowed, new DashboardHostCheck(new Uri(bound)).Allows(host));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _store.Dispose();
}
