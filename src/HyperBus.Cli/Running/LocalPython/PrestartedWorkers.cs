using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// The local Python worker launched before the host is built, so that its imports (about a second of CPU
/// for scikit-learn) overlap the host's start-up instead of following it. The pool takes it over on
/// its first request; one it never takes is closed with the host.
/// </summary>
public sealed class PrestartedWorkers : IAsyncDisposable
{
    private readonly string _kind;
    private readonly ConcurrentQueue<Process> _processes = new();

    private PrestartedWorkers(string kind)
    {
        _kind = kind;
    }

    /// <summary>Launches the worker of a Python trainer kind, training <paramref name="processes"/> trials at once; null for a C# kind.</summary>
    public static PrestartedWorkers? Launch(string trainer, int processes, bool verbose)
    {
        if (PythonTrainerKinds.Find(trainer) is not { } kind)
        {
            return null;
        }

        var python = PythonInterpreter.For(kind);
        var workers = new PrestartedWorkers(kind.Kind);
        workers._processes.Enqueue(LocalWorkerProcess.Launch(python, LocalPythonSettings.DefaultSdkFolder, kind, processes, verbose));
        return workers;
    }

    /// <summary>A launched worker of <paramref name="kind"/> that is still alive, or null.</summary>
    public Process? Take(string kind)
    {
        while (kind == _kind && _processes.TryDequeue(out var process))
        {
            if (!process.HasExited)
            {
                return process;
            }

            process.Dispose();
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        var left = new List<Process>();
        while (_processes.TryDequeue(out var process))
        {
            left.Add(process);
        }

        await Task.WhenAll(left.Select(CloseAsync));
    }

    // Closing its input is how a worker is told to finish; one that does not exit in time is killed.
    private static async Task CloseAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        catch (IOException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
