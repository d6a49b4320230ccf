using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

/// <summary>Headless chromium reads the dashboard's charts after <c>tune --dashboard --keep-serving</c> finished a study.</summary>
public sealed partial class DashboardChartTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-charts-");

    [Fact]
    public async Task Axes_are_labelled_the_log_scale_comes_on_by_itself_when_values_span_decades_and_changes_the_ticks()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var spec = Path.Combine(_dir.FullName, "spread.yaml");
        // Rosenbrock over [-2, 2]^2: random points score from below 1 to about 3,600, several decades.
        await File.WriteAllTextAsync(spec, """
            study: spread
            direction: minimize
            metric: loss
            trials: 40
            parallelism: 2
            sampler: { type: random, seed: 3 }
            trainer: function
            fixed: { function: rosenbrock }
            space:
              x0: { type: float, low: -2, high: 2 }
              x1: { type: float, low: -2, high: 2 }
            """);
        await using var tune = Hyperbus.Start($"tune \"{spec}\" --json --storage \"{Path.Combine(_dir.FullName, "studies.db")}\" --dashboard {url} --keep-serving");
        await WaitForAsync(() => tune.Stderr.Contains("still serving", StringComparison.Ordinal), tune);

        var auto = await Chromium.DumpDomAsync(url);
        var linear = await Chromium.DumpDomAsync(new Uri(url, "?log=off"));

        Assert.Contains("""<svg id="history" """, auto, StringComparison.Ordinal);
        Assert.Contains("data-scale=\"log\"", auto, StringComparison.Ordinal);
        Assert.Contains("data-scale=\"linear\"", linear, StringComparison.Ordinal);
        Assert.Contains(">trial number</text>", auto, StringComparison.Ordinal);
        Assert.Contains(">loss (log)</text>", auto, StringComparison.Ordinal);
        Assert.Contains(">loss</text>", linear, StringComparison.Ordinal);
        var logTicks = YTicks(auto);
        var linearTicks = YTicks(linear);
        Assert.True(logTicks.Count >= 3, string.Join(", ", logTicks));
        Assert.All(logTicks, t => Assert.Matches(@"^1(0*|e[-+]?\d+)$|^0\.0*1$", t)); // powers of ten
        Assert.NotEqual(logTicks, linearTicks);
        Assert.Contains("<b id=\"trial-count\">40</b>", auto, StringComparison.Ordinal);
        Assert.Contains("<b id=\"running-count\">0</b>", auto, StringComparison.Ordinal); // the cards agree with the table

        tune.Interrupt();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tune.WaitForExitAsync(stop.Token);
        Assert.Contains("stopped", tune.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_keep_serving_tune_says_the_dashboard_stopped()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var run = await Hyperbus.RunAsync($"tune examples/iris-fasttree-grid.yaml --trials 2 --json --storage \"{Path.Combine(_dir.FullName, "s.db")}\" --dashboard {url}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"dashboard at {url.GetLeftPart(UriPartial.Authority)}/", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("stopped (--keep-serving keeps it up)", run.Stderr, StringComparison.Ordinal);
    }

    private static List<string> YTicks(string dom) => [.. YTick().Matches(dom).Select(m => m.Groups[1].Value)];

    private static async Task WaitForAsync(Func<bool> condition, Hyperbus tune)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.False(tune.HasExited, $"tune exited: {tune.Stderr}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out: {tune.Stderr}");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("class=\"tick y-tick\"[^>]*>([^<]+)</text>")]
    private static partial Regex YTick();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
