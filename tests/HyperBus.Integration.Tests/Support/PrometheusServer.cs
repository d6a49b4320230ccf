using System.Globalization;
using System.Text.Json;

namespace HyperBus.Integration.Tests.Support;

/// <summary>A real Prometheus (Debian's package) on a free port, scraping one target every second; stopped on dispose.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _dir;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(ChildProcess process, DirectoryInfo dir, Uri api)
    {
        _process = process;
        _dir = dir;
        Api = api;
    }

    public Uri Api { get; }

    public string Output => _process.Output;

    public static async Task<PrometheusServer> StartAsync(Uri target)
    {
        const string binary = "/usr/bin/prometheus";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("Prometheus is not installed: apt-get install -y prometheus (tests/run-all.sh does)");
        }

        var dir = Directory.CreateTempSubdirectory("hyperbus-prometheus-");
        var config = Path.Combine(dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: hyperbus
                metrics_path: {target.AbsolutePath}
                static_configs:
                  - targets: ['{target.Authority}']
            """);
        var port = FreePort.Next();
        var process = ChildProcess.Start("prometheus", binary,
            $"--config.file={config} --storage.tsdb.path={Path.Combine(dir.FullName, "data")} --web.listen-address=127.0.0.1:{port}");
        var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        await process.WaitForOutputAsync("Server is ready to receive web requests", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>The value of an instant query's first series, or null when it has none (yet).</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        var url = new Uri(Api, $"api/v1/query?query={Uri.EscapeDataString(promql)}");
        using var document = JsonDocument.Parse(await _http.GetStringAsync(url));
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query {promql} failed: {root}");
        }

        var result = root.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the query until it returns <paramref name="expected"/>; returns the last value seen.</summary>
    public async Task<double?> WaitForValueAsync(string promql, double expected, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double? value;
        do
        {
            value = await QueryAsync(promql);
            if (value == expected)
            {
                return value;
            }

            await Task.Delay(500);
        }
        while (clock.Elapsed < timeout);
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
        _dir.Delete(recursive: true);
    }
}
