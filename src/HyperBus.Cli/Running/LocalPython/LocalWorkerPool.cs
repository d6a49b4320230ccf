using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// The local Python worker of one trainer kind: one interpreter, started on first use (or taken over from
/// the ones <c>tune</c> launched early), that trains up to <c>size</c> trials at once in forked processes.
/// One interpreter instead of <c>size</c> means the trainer's imports are paid once.
/// </summary>
public sealed class LocalWorkerPool : IAsyncDisposable
{
    private readonly PythonTrainerKind _kind;
    private readonly int _size;
    private readonly string _sdkFolder;
    private readonly bool _verbose;
    private readonly IPublishEndpoint _bus;
    private readonly ILogger _logger;
    private readonly PrestartedWorkers? _prestarted;
    private readonly SemaphoreSlim _slots;
    private readonly List<LocalWorkerProcess> _all = [];
    private readonly Lock _lock = new();
    private LocalWorkerProcess? _current;

    public LocalWorkerPool(PythonTrainerKind kind, int size, string sdkFolder, bool verbose, IPublishEndpoint bus, ILogger logger, PrestartedWorkers? prestarted = null)
    {
        _kind = kind;
        _size = Math.Max(1, size);
        _sdkFolder = sdkFolder;
        _verbose = verbose;
        _bus = bus;
        _logger = logger;
        _prestarted = prestarted;
        _slots = new SemaphoreSlim(_size, _size);
    }

    /// <summary>The worker processes started so far (alive or not).</summary>
    public IReadOnlyList<LocalWorkerProcess> Workers
    {
        get
        {
            lock (_lock)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>A slot on the live worker (started, or restarted after it died); waits while all slots are busy.</summary>
    public async Task<LocalWorkerProcess> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_current is null || _current.HasExited)
                {
                    _current = StartWorker();
                    _all.Add(_current);
                }

                return _current;
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(LocalWorkerProcess worker) => _slots.Release();

    private LocalWorkerProcess StartWorker()
    {
        if (_prestarted?.Take(_kind.Kind) is { } launched)
        {
            var ready = LocalWorkerProcess.Attach(launched, _bus, _logger);
            _logger.LogInformation("took over local Python worker {Pid} for {Kind}, launched before the host started", ready.ProcessId, _kind.Kind);
            return ready;
        }

        var python = PythonInterpreter.For(_kind);
        var worker = LocalWorkerProcess.Start(python, _sdkFolder, _kind, _size, _verbose, _bus, _logger);
        _logger.LogInformation("started local Python worker {Pid} ({Python}) for {Kind}, {Processes} trainer processes", worker.ProcessId, python, _kind.Kind, _size);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Workers.Select(w => w.DisposeAsync().AsTask()));
        _slots.Dispose();
    }
}
