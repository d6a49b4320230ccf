using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus.Contracts;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// One <c>python3 -m hyperbus_trainer --local --processes N</c> process: requests and decisions go to its stdin as
/// one JSON line each (<c>{"messageType", "message"}</c>, the message exactly as the broker carries it);
/// the events it writes back are published on this process's bus.
/// </summary>
public sealed class LocalWorkerProcess : IAsyncDisposable
{
    private static readonly Dictionary<string, Type> Events = new(StringComparer.Ordinal)
    {
        [nameof(TrialStarted)] = typeof(TrialStarted),
        [nameof(TrialReported)] = typeof(TrialReported),
        [nameof(TrialCompleted)] = typeof(TrialCompleted),
        [nameof(TrialFailed)] = typeof(TrialFailed),
    };

    // The wire's own options (camelCase, enums as names), on one line: the transport is one message per line.
    private static readonly JsonSerializerOptions LineOptions = new(SystemTextJsonMessageSerializer.Options) { WriteIndented = false };

    private readonly Process _process;
    private readonly IPublishEndpoint _bus;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<(Guid Trial, int Attempt), (TrialRequested Request, TaskCompletionSource Outcome)> _outcomes = new();
    private readonly Task _reading;
    private readonly Task _logging;
    private string? _lastError;

    private LocalWorkerProcess(Process process, IPublishEndpoint bus, ILogger logger)
    {
        _process = process;
        _bus = bus;
        _logger = logger;
        _reading = Task.Run(ReadEventsAsync);
        _logging = Task.Run(ForwardLogAsync);
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static LocalWorkerProcess Start(string python, string sdkFolder, PythonTrainerKind kind, int processes, bool verbose, IPublishEndpoint bus, ILogger logger) =>
        Attach(Launch(python, sdkFolder, kind, processes, verbose), bus, logger);

    /// <summary>
    /// Starts the interpreter without reading from it yet: it imports its trainers (about a second for
    /// scikit-learn) while the host is still starting, and prints nothing until it gets a request. It trains
    /// up to <paramref name="processes"/> trials at once, each in a process forked after the imports.
    /// </summary>
    public static Process Launch(string python, string sdkFolder, PythonTrainerKind kind, int processes, bool verbose)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "hyperbus_trainer", "--local", "--processes", processes.ToString(CultureInfo.InvariantCulture), "--trainer", kind.Kind })
        {
            info.ArgumentList.Add(argument);
        }

        if (kind.Module is { } module)
        {
            info.ArgumentList.Add("--module");
            info.ArgumentList.Add(module);
        }

        var path = Environment.GetEnvironmentVariable("PYTHONPATH");
        info.Environment["PYTHONPATH"] = string.IsNullOrEmpty(path) ? sdkFolder : sdkFolder + Path.PathSeparator + path;
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["HYPERBUS_LOG_LEVEL"] = verbose ? "INFO" : "WARNING";
        return Process.Start(info) ?? throw new PythonUnavailableException($"cannot start {python}");
    }

    /// <summary>Takes over a launched interpreter: reads its events and publishes them on <paramref name="bus"/>.</summary>
    public static LocalWorkerProcess Attach(Process process, IPublishEndpoint bus, ILogger logger) => new(process, bus, logger);

    /// <summary>Hands the request to the worker and completes once its outcome (TrialCompleted or TrialFailed) is published.</summary>
    public async Task RunAsync(TrialRequested request, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outcomes[(request.TrialId, request.Attempt)] = (request, outcome);
        try
        {
            await WriteAsync(nameof(TrialRequested), request, cancellationToken);
            await outcome.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _outcomes.TryRemove((request.TrialId, request.Attempt), out _);
        }
    }

    public bool Runs(Guid trialId, int attempt) => _outcomes.ContainsKey((trialId, attempt));

    public Task SendDecisionAsync(TrialDecision decision, CancellationToken cancellationToken) =>
        WriteAsync(nameof(TrialDecision), decision, cancellationToken);

    private async Task WriteAsync<T>(string messageType, T message, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new LocalEnvelope<T>(messageType, message), LineOptions);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadEventsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            try
            {
                await PublishAsync(line);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NotSupportedException)
            {
                _logger.LogWarning("ignored a malformed line from Python worker {Pid}: {Reason}", _process.Id, e.Message);
            }
        }

        await _logging;
        await _process.WaitForExitAsync();
        var reason = $"the Python worker (pid {_process.Id}) exited with code {_process.ExitCode}" + (_lastError is { } last ? $": {last}" : "");
        foreach (var key in _outcomes.Keys)
        {
            // The attempt cannot finish: fail it (retryable) so the study goes on, as a dead remote worker's would be retried.
            if (_outcomes.TryRemove(key, out var running))
            {
                try
                {
                    var r = running.Request;
                    await _bus.Publish(new TrialFailed(r.StudyId, r.TrialId, r.Attempt, reason, true, $"local-python-{_process.Id}"));
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
                {
                    // The bus is stopping with the process: nobody waits for this outcome any more.
                }

                running.Outcome.TrySetResult();
            }
        }
    }

    private async Task PublishAsync(string line)
    {
        using var document = JsonDocument.Parse(line);
        var type = Events[document.RootElement.GetProperty("messageType").GetString() ?? ""];
        var message = document.RootElement.GetProperty("message").Deserialize(type, LineOptions)
            ?? throw new JsonException("empty message");
        await _bus.Publish(message, type);
        var (trial, attempt) = message switch
        {
            TrialCompleted c => (c.TrialId, c.Attempt),
            TrialFailed f => (f.TrialId, f.Attempt),
            _ => (Guid.Empty, 0),
        };
        if (trial != Guid.Empty && _outcomes.TryGetValue((trial, attempt), out var running))
        {
            running.Outcome.TrySetResult();
        }
    }

    private async Task ForwardLogAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                _lastError = line;
                _logger.LogWarning("python[{Pid}] {Line}", _process.Id, line);
            }
        }
    }

    /// <summary>Closes the worker's input (it finishes and exits), and kills it if it has not gone within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
        _writeLock.Dispose();
    }
}
