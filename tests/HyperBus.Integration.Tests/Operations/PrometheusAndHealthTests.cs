using System.Net;
using System.Text.Json;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests.Operations;

/// <summary><c>host --metrics</c> scraped by a real Prometheus, and <c>--health</c> probes, with the host and a worker as processes.</summary>
[Collection(RabbitCollection.Name)]
public sealed class PrometheusAndHealthTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-ops-it-");

    [Fact]
    public async Task Prometheus_scrapes_the_completed_trials_of_a_study_that_just_ran_and_readiness_follows_the_broker()
    {
        var broker = await rabbit.CreateVhostAsync("ops");
        var bus = $"--transport rabbitmq --rabbitmq {broker}";
        var metrics = new Uri($"http://127.0.0.1:{FreePort.Next()}/metrics");
        var health = new Uri($"http://127.0.0.1:{FreePort.Next()}/healthz");
        await using var host = ChildProcess.Hyperbus("host", $"host {bus} --storage \"{Path.Combine(_dir.FullName, "host.db")}\" --metrics {metrics} --health {health}");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker {bus} --trainer function --concurrency 2 --verbose");
        await host.WaitForOutputAsync("hyperbus: metrics at", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await using var prometheus = await PrometheusServer.StartAsync(metrics);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // Before the study: the target is up and the counter has no series for it yet.
        Assert.Equal(1, await prometheus.WaitForValueAsync("up{job=\"hyperbus\"}", 1, TimeSpan.FromSeconds(30)));
        Assert.Null(await prometheus.QueryAsync("hyperbus_trials_completed_total{study=\"branin-prom\"}"));
        var spec = StudyRun.WriteSpec(_dir.FullName, "branin.yaml", """
            study: branin-prom
            trials: 12
            parallelism: 3
            sampler: { type: random, seed: 9 }
            trainer: function
            fixed: { function: branin }
            space:
              x0: { type: float, low: -5, high: 10 }
              x1: { type: float, low: 0, high: 15 }
            """);
        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);
        Assert.Equal(12, summary.GetProperty("trials").GetProperty("completed").GetInt32());

        var completed = await prometheus.WaitForValueAsync("hyperbus_trials_completed_total{study=\"branin-prom\",trainer=\"function\"}", 12, TimeSpan.FromSeconds(30));
        Assert.True(completed == 12, $"completed trials in Prometheus: {completed}\n{prometheus.Output}");
        Assert.Equal(12, await prometheus.QueryAsync("sum(hyperbus_trials_requested_total{study=\"branin-prom\"})"));
        Assert.Equal(12, await prometheus.QueryAsync("sum(hyperbus_trial_duration_seconds_count{study=\"branin-prom\"})"));
        Assert.True(await prometheus.QueryAsync("hyperbus_studies{state=\"completed\"}") >= 1);
        Assert.True(await prometheus.QueryAsync("sum(hyperbus_store_write_duration_seconds_count{operation=\"commit\"})") >= 12);

        // Liveness and readiness while the broker is there.
        using (var live = await http.GetAsync(health))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var ready = await http.GetAsync(new Uri(health + "/ready"));
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("connected", body.GetProperty("checks").GetProperty("bus").GetString());
        Assert.Equal("writable", body.GetProperty("checks").GetProperty("store").GetString());

        // Probes are read-only, and a malformed one (a POST without a length) does not stop the endpoint.
        using (var post = await http.PostAsync(health, content: null))
        {
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        }

        using (var afterPost = await http.GetAsync(health))
        {
            Assert.Equal(HttpStatusCode.OK, afterPost.StatusCode);
        }

        // The host's vhost goes away: the process stays live but is no longer ready.
        await rabbit.Ctl($"delete_vhost {broker.AbsolutePath.TrimStart('/')}");
        var notReady = HttpStatusCode.OK;
        for (var i = 0; i < 60 && notReady == HttpStatusCode.OK; i++)
        {
            await Task.Delay(500);
            using var probe = await http.GetAsync(new Uri(health + "/ready"));
            notReady = probe.StatusCode;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        using var stillLive = await http.GetAsync(health);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
    }

    [Theory]
    [InlineData("host", "--metrics ftp://127.0.0.1:9464/metrics", "--metrics: must be an http:// URL")]
    [InlineData("host", "--health not-a-url", "--health: must be an http:// URL")]
    [InlineData("worker", "--otlp 127.0.0.1:4317", "--otlp: must be an http:// or https:// URL")]
    [InlineData("host", "--metrics http://127.0.0.1:9555/metrics --health http://127.0.0.1:9555/healthz", "--health: must use another port than --metrics")]
    public async Task A_bad_telemetry_url_exits_2_naming_the_option(string command, string options, string message)
    {
        // The broker is never reached: options are checked first.
        await using var process = ChildProcess.Hyperbus(command, $"{command} --transport rabbitmq --rabbitmq amqp://guest:guest@127.0.0.1:1/ {options}");
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
