using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>Up to <c>size</c> local Python workers of one trainer kind, started on first use, each running one trial at a time.</summary>
public sealed class LocalWorkerPool : IAsyncDisposable
{
    private readonly PythonTrainerKind _kind;
    private readonly int _size;
    private readonly string _sdkFolder;
    private readonly bool _verbose;
    private readonly IPublishEndpoint _bus;
    private readonly ILogger _logger;
    private readonly Channel<LocalWorkerProcess> _idle = Channel.CreateUnbounded<LocalWorkerProcess>();
    private readonly List<LocalWorkerProcess> _all = [];
    private readonly Lock _lock = new();

    public LocalWorkerPool(PythonTrainerKind kind, int size, string sdkFolder, bool verbose, IPublishEndpoint bus, ILogger logger)
    {
        _kind = kind;
        _size = Math.Max(1, size);
        _sdkFolder = sdkFolder;
        _verbose = verbose;
        _bus = bus;
        _logger = logger;
    }

    /// <summary>The workers started so far (alive or not).</summary>
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

    /// <summary>An idle worker: a new one while fewer than the pool's size are alive, else the next to finish.</summary>
    public async Task<LocalWorkerProcess> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.Reader.TryRead(out var idle))
        {
            if (!idle.HasExited)
            {
                return idle;
            }
        }

        lock (_lock)
        {
            _all.RemoveAll(w => w.HasExited);
            if (_all.Count < _size)
            {
                var python = PythonInterpreter.For(_kind);
                var worker = LocalWorkerProcess.Start(python, _sdkFolder, _kind, _verbose, _bus, _logger);
                _all.Add(worker);
                _logger.LogInformation("started local Python worker {Pid} ({Python}) for {Kind}", worker.ProcessId, python, _kind.Kind);
                return worker;
            }
        }

        while (true)
        {
            var next = await _idle.Reader.ReadAsync(cancellationToken);
            if (!next.HasExited)
            {
                return next;
            }
        }
    }

    public void Return(LocalWorkerProcess worker)
    {
        if (!worker.HasExited)
        {
            _idle.Writer.TryWrite(worker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _idle.Writer.TryComplete();
        await Task.WhenAll(Workers.Select(w => w.DisposeAsync().AsTask()));
    }
}
