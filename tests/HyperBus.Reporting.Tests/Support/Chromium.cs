using System.Diagnostics;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>Debian's headless chromium: dumps a page's DOM after its scripts ran, or takes a screenshot.</summary>
public static class Chromium
{
    public static string Executable { get; } = Find();

    /// <summary>The DOM after <paramref name="budgetMilliseconds"/> of virtual time (network waits do not use it up).</summary>
    public static async Task<string> DumpDomAsync(Uri url, int budgetMilliseconds = 4000) =>
        await RunAsync($"--virtual-time-budget={budgetMilliseconds} --dump-dom {url}");

    public static async Task ScreenshotAsync(Uri url, string file, int budgetMilliseconds = 4000) =>
        await RunAsync($"--virtual-time-budget={budgetMilliseconds} --window-size=1200,900 --hide-scrollbars --screenshot=\"{file}\" {url}");

    private static async Task<string> RunAsync(string arguments)
    {
        var profile = Directory.CreateTempSubdirectory("hyperbus-chromium-");
        try
        {
            var info = new ProcessStartInfo(Executable, $"--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=\"{profile.FullName}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {arguments} did not finish: {await stderr}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var path = Path.Combine(dir, "chromium");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("chromium is not installed (apt-get install -y chromium; tests/run-all.sh installs it when run as root)");
    }
}
