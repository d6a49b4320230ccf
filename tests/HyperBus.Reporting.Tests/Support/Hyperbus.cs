using System.Diagnostics;
using System.Text;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>Runs the real <c>hyperbus</c> command (the hyperbus.dll built beside the tests) from the repository root.</summary>
public sealed class Hyperbus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private Hyperbus(Process process)
    {
        _process = process;
    }

    public static string RepoRoot { get; } = FindRoot();

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Ctrl-C, as a user at the terminal would press it.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", $"-INT {_process.Id}");
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Starts the command in the background; dispose kills it if it is still running.</summary>
    public static Hyperbus Start(string arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "hyperbus.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var process = new Process { StartInfo = info };
        var run = new Hyperbus(process);
        process.OutputDataReceived += (_, e) => Append(run._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(run._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs the command to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string arguments, IDictionary<string, string>? environment = null)
    {
        await using var run = Start(arguments, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await run._process.WaitForExitAsync(timeout.Token);
        return (run._process.ExitCode, run.Stdout, run.Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found");
    }
}
