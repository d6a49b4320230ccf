using System.Diagnostics;

namespace HyperBus.Cli.Tests;

/// <summary>
/// Reading commands work on a store the user may not write (a read-only file in a read-only folder), and a store
/// path in a folder that does not exist is an error naming it instead of a new, empty store made there.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreAccessTests : IDisposable
{
    private const string Spec = "study: ro\ntrials: 3\ntrainer: function\nfixed: { function: branin }\nspace: { x0: { type: float, low: -5, high: 10 }, x1: { type: float, low: 0, high: 15 } }\n";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-store-");

    public StoreAccessTests() =>
        // The unprivileged reader must be able to walk into the temporary folder (created 700).
        File.SetUnixFileMode(_dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    [Fact]
    public async Task Status_and_export_read_a_read_only_store()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, "ro"));
        var store = Path.Combine(folder.FullName, "studies.db");
        var spec = Path.Combine(_dir.FullName, "spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var tune = await CliProcess.RunAsync($"tune \"{spec}\" --storage \"{store}\"");
        Assert.True(tune.ExitCode == 0, tune.Stderr);
        foreach (var file in folder.GetFiles())
        {
            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var before = Directory.GetFiles(folder.FullName).Order(StringComparer.Ordinal).ToList();

        var status = await RunAsReaderAsync($"status ro --json --storage \"{store}\"");
        var export = await RunAsReaderAsync($"export ro --format csv --storage \"{store}\"");

        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("\"completed\":3", status.Stdout, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(4, export.Stdout.Trim().Split('\n').Length);
        Assert.Equal(before, Directory.GetFiles(folder.FullName).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_store_in_a_missing_folder_is_an_error_naming_it()
    {
        var missing = Path.Combine(_dir.FullName, "no", "such", "dir");
        var spec = Path.Combine(_dir.FullName, "spec.yaml");
        await File.WriteAllTextAsync(spec, Spec);

        var run = await CliProcess.RunAsync($"tune \"{spec}\" --storage \"{Path.Combine(missing, "x.db")}\"", TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--storage: cannot use '{Path.Combine(missing, "x.db")}' as the study store: the folder '{missing}' does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "no")), "no folder is created");
    }

    /// <summary>
    /// As root every file is writable, so the reader runs as the unprivileged 'nobody' (setpriv); as any other
    /// user the permissions alone make the store read-only.
    /// </summary>
    private static async Task<CliResult> RunAsReaderAsync(string arguments)
    {
        if (Environment.UserName != "root")
        {
            return await CliProcess.RunAsync(arguments);
        }

        var info = new ProcessStartInfo("setpriv", $"--reuid=65534 --regid=65534 --clear-groups dotnet \"{Path.Combine(AppContext.BaseDirectory, "hyperbus.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
            UseShellExecute = false,
        };
        info.Environment["HOME"] = Path.GetTempPath();
        info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(cts.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        foreach (var folder in _dir.EnumerateDirectories("*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _dir.Delete(recursive: true);
    }
}
