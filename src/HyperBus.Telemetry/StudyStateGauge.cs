using System.Diagnostics.Metrics;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Telemetry;

/// <summary>
/// <c>hyperbus.studies{state}</c>: studies in the store by state, read from the store at each collection, so it
/// is right after a restart and for studies other hosts run on the same store.
/// </summary>
public sealed class StudyStateGauge : IHostedService
{
    private readonly HyperBusMetrics _metrics;
    private readonly IStudyStore _store;
    private readonly ILogger<StudyStateGauge> _logger;
    private ObservableGauge<int>? _gauge;

    public StudyStateGauge(HyperBusMetrics metrics, IStudyStore store, ILogger<StudyStateGauge> logger)
    {
        _metrics = metrics;
        _store = store;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _gauge ??= _metrics.Meter.CreateObservableGauge("hyperbus.studies", Observe, "{study}", "Studies in the store by state");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> Observe()
    {
        IReadOnlyList<StudyRecord> studies;
        try
        {
            // Observable callbacks are synchronous; a scrape every few seconds reading one small table is cheap.
            studies = _store.ListStudiesAsync().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _logger.LogWarning("hyperbus.studies: cannot read the store: {Error}", e.Message);
            return [];
        }

        return Enum.GetValues<StudyStatus>().Select(state => new Measurement<int>(
            studies.Count(s => s.Status == state), new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant())));
    }
}
