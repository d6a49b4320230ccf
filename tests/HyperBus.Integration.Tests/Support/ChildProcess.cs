using System.Diagnostics;
using System.Text;

namespace HyperBus.Integration.Tests.Support;

/// <summary>A real process (host, worker, Python worker) whose output is kept for failure messages; killed on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string name, string file, string arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public static ChildProcess Hyperbus(string name, string arguments, IDictionary<string, string>? environment = null) =>
        Start(name, "dotnet", $"\"{Repo.HyperbusDll}\" {arguments}", environment);

    public static ChildProcess PythonWorker(string name, string arguments) =>
        Start(name, Repo.Python, $"-m hyperbus_trainer {arguments}", new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(Repo.Root, "plugins", "python") });

    /// <summary>A Python worker that also serves the fault drills' trainers (tests/HyperBus.Integration.Tests/python).</summary>
    public static ChildProcess FaultWorker(string name, string arguments)
    {
        var path = string.Join(':', Path.Combine(Repo.Root, "plugins", "python"), Path.Combine(Repo.Root, "tests", "HyperBus.Integration.Tests", "python"));
        return Start(name, Repo.Python, $"-m hyperbus_trainer --module fault_trainers --no-examples {arguments}", new Dictionary<string, string> { ["PYTHONPATH"] = path });
    }

    /// <summary>Waits until the output contains <paramref name="text"/>, failing if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || until.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{Name} never printed '{text}' (exited: {_process.HasExited}):\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
