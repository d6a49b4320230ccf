using HyperBus.Contracts;
using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// The Python trainer kinds on the embedded bus: consumes TrialRequested from each Python kind's queue,
/// hands it to a local Python worker and acknowledges once its outcome is published, as a remote worker
/// would; routes the host's decisions to the worker whose trial asked. Workers start on the first
/// request of their kind and stop with the host.
/// </summary>
public sealed class LocalPythonWorkers : IHostedService, IAsyncDisposable
{
    private readonly IBus _bus;
    private readonly HyperBusOptions _options;
    private readonly bool _verbose;
    private readonly ILogger<LocalPythonWorkers> _logger;
    private readonly PrestartedWorkers? _prestarted;
    private readonly Dictionary<string, LocalWorkerPool> _pools = new(StringComparer.Ordinal);
    private readonly List<HostReceiveEndpointHandle> _endpoints = [];

    public LocalPythonWorkers(IBus bus, HyperBusOptions options, LocalPythonSettings settings, ILogger<LocalPythonWorkers> logger)
    {
        _bus = bus;
        _options = options;
        _verbose = settings.Verbose;
        _logger = logger;
        _prestarted = settings.Prestarted;
        foreach (var kind in PythonTrainerKinds.All)
        {
            _pools[kind] = new LocalWorkerPool(PythonTrainerKinds.Find(kind)!, options.WorkerConcurrency, settings.SdkFolder, _verbose, bus, logger, _prestarted);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var concurrency = Math.Max(1, _options.WorkerConcurrency);
        foreach (var (kind, pool) in _pools)
        {
            _endpoints.Add(_bus.ConnectReceiveEndpoint(MessageNames.TrainerQueue(kind), e =>
            {
                e.PrefetchCount = concurrency;
                e.ConcurrentMessageLimit = concurrency;
                e.Handler<TrialRequested>(context => RunAsync(pool, context));
            }));
        }

        _endpoints.Add(_bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition("hyperbus-local-python-decisions"), KebabCaseEndpointNameFormatter.Instance,
            e => e.Handler<TrialDecision>(context => RouteAsync(context.Message, context.CancellationToken))));
        foreach (var endpoint in _endpoints)
        {
            await endpoint.Ready.WaitAsync(cancellationToken);
        }
    }

    private static async Task RunAsync(LocalWorkerPool pool, ConsumeContext<TrialRequested> context)
    {
        var worker = await pool.RentAsync(context.CancellationToken);
        try
        {
            await worker.RunAsync(context.Message, context.CancellationToken);
        }
        finally
        {
            pool.Return(worker);
        }
    }

    private async Task RouteAsync(TrialDecision decision, CancellationToken cancellationToken)
    {
        foreach (var pool in _pools.Values)
        {
            foreach (var worker in pool.Workers)
            {
                if (worker.Runs(decision.TrialId, decision.Attempt))
                {
                    await worker.SendDecisionAsync(decision, cancellationToken);
                    return;
                }
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_endpoints.Select(e => e.StopAsync(cancellationToken)));
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }

        _pools.Clear();
        if (_prestarted is not null)
        {
            await _prestarted.DisposeAsync();
        }
    }
}
