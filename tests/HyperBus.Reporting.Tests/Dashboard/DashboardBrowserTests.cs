using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Dashboard;

/// <summary>A real browser (headless chromium) watches the dashboard of a study that <c>hyperbus tune --dashboard</c> is running.</summary>
public sealed partial class DashboardBrowserTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-browser-");

    [Fact]
    public async Task The_page_shows_the_trial_count_rising_while_tune_runs_and_no_error()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        // LightGbm on wine, one trial at a time: slow enough (about half a second a trial) to watch it grow.
        await using var tune = Hyperbus.Start(
            $"tune examples/wine-lightgbm.yaml --trials 200 --parallelism 1 --json --storage \"{Path.Combine(_dir.FullName, "studies.db")}\" --dashboard {url}");
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        await WaitForTrialsAsync(http, tune, atLeast: 2);

        var first = RenderedTrials(await Chromium.DumpDomAsync(url));
        await WaitForTrialsAsync(http, tune, atLeast: first + 3);
        var second = RenderedTrials(await Chromium.DumpDomAsync(url));
        var screenshot = Path.Combine(_dir.FullName, "dashboard.png");
        await Chromium.ScreenshotAsync(url, screenshot);

        Assert.True(first >= 2, $"first load showed {first} trials");
        Assert.True(second > first, $"the trial count did not rise: {first} then {second}");
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.True(png.Length > 20_000, $"screenshot is only {png.Length} bytes");
        Assert.False(tune.HasExited, $"tune stopped early: {tune.Stderr}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    /// <summary>The trial count the page rendered; fails if the page shows its error box, has no data or shows no trial rows.</summary>
    private static int RenderedTrials(string dom)
    {
        Assert.Matches(HiddenError(), dom);
        var body = BodyState().Match(dom);
        Assert.True(body.Success, $"the page never rendered data:\n{dom[..Math.Min(dom.Length, 2000)]}");
        var count = int.Parse(body.Groups["trials"].Value, CultureInfo.InvariantCulture);
        var shown = int.Parse(TrialCount().Match(dom).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(count, shown);
        Assert.Equal(count, Regex.Count(dom, "<tr class=\"(completed|running|pruned|failed)"));
        return count;
    }

    private static async Task WaitForTrialsAsync(HttpClient http, Hyperbus tune, int atLeast)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (DateTimeOffset.UtcNow < deadline)
        {
            Assert.False(tune.HasExited, $"tune exited: {tune.Stderr}");
            try
            {
                var studies = await http.GetFromJsonAsync<JsonElement>("api/studies");
                if (studies.GetArrayLength() > 0 && studies[0].GetProperty("trials").GetInt32() >= atLeast)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the host is still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the study never reached {atLeast} trials: {tune.Stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<div id=\"error\" hidden=\"\"></div>")]
    private static partial Regex HiddenError();

    [GeneratedRegex("<body data-state=\"loaded\" data-trials=\"(?<trials>\\d+)\"")]
    private static partial Regex BodyState();

    [GeneratedRegex("<b id=\"trial-count\">(\\d+)</b>")]
    private static partial Regex TrialCount();
}
