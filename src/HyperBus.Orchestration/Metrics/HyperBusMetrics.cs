using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HyperBus.Orchestration.Metrics;

/// <summary>
/// HyperBus's own instruments on the <c>HyperBus</c> meter. The bus observers and store decorators feed most of
/// them; <see cref="RecordOutboxLag"/>, <see cref="RecordDroppedOutcome"/>, <see cref="RecordParked"/> and
/// <see cref="RecordSuggest"/> are for the parts that know those moments (the outbox relay, the stale-outcome
/// filter, the parking filter, the sampler call) to call directly.
/// </summary>
public sealed class HyperBusMetrics : IDisposable
{
    /// <summary>The meter name to add to a MeterProvider.</summary>
    public const string MeterName = "HyperBus";

    // Seconds from sub-millisecond store writes to hour-long trials; the SDK's default buckets assume milliseconds.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    };

    private readonly Meter _meter;
    private readonly Counter<long> _requested;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _pruned;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _faulted;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _trialDuration;
    private readonly Histogram<double> _suggest;
    private readonly Histogram<double> _storeWrite;
    private readonly Histogram<double> _verification;
    private readonly Histogram<double> _outboxLag;

    public HyperBusMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _requested = _meter.CreateCounter<long>("hyperbus.trials.requested", "{attempt}", "Trial attempts the host sent to a trainer queue");
        _started = _meter.CreateCounter<long>("hyperbus.trials.started", "{attempt}", "Trial attempts a worker took (TrialStarted received)");
        _completed = _meter.CreateCounter<long>("hyperbus.trials.completed", "{trial}", "Trials that ended with a value and ran to their budget");
        _pruned = _meter.CreateCounter<long>("hyperbus.trials.pruned", "{trial}", "Trials that ended early on a stop decision");
        _failed = _meter.CreateCounter<long>("hyperbus.trials.failed", "{attempt}", "Trial attempts that failed (tag retryable)");
        _reports = _meter.CreateCounter<long>("hyperbus.trials.reports", "{report}", "Intermediate reports received");
        _decisions = _meter.CreateCounter<long>("hyperbus.decisions", "{decision}", "Decisions sent back to reporting trials (tag action)");
        _faulted = _meter.CreateCounter<long>("hyperbus.messages.faulted", "{message}", "Messages whose handler threw (tag message_type)");
        _parked = _meter.CreateCounter<long>("hyperbus.messages.parked", "{message}", "Messages moved to an error queue instead of being handled");
        _dropped = _meter.CreateCounter<long>("hyperbus.messages.dropped", "{message}", "Late, stale or duplicate outcomes dropped without effect");
        _queueWait = _meter.CreateHistogram<double>("hyperbus.trial.queue_wait", "s", "Time from sending TrialRequested to a worker starting it", null, Seconds);
        _trialDuration = _meter.CreateHistogram<double>("hyperbus.trial.duration", "s", "Trainer-measured duration of finished attempts", null, Seconds);
        _suggest = _meter.CreateHistogram<double>("hyperbus.sampler.suggest.duration", "s", "Time a sampler took to suggest configurations (tag sampler)", null, Seconds);
        _storeWrite = _meter.CreateHistogram<double>("hyperbus.store.write.duration", "s", "Time of one store write (tag operation)", null, Seconds);
        _verification = _meter.CreateHistogram<double>("hyperbus.verification.duration", "s", "Time to verify a returned trial (holdout scoring)", null, Seconds);
        _outboxLag = _meter.CreateHistogram<double>("hyperbus.outbox.lag", "s", "Time from committing an outbox message to relaying it", null, Seconds);
    }

    /// <summary>The meter, for observable instruments another part registers (studies by state).</summary>
    public Meter Meter => _meter;

    public void TrialRequested(string study, string trainer) => _requested.Add(1, Tags(study, trainer));

    public void TrialStarted(string study, string trainer, TimeSpan? queueWait)
    {
        var tags = Tags(study, trainer);
        _started.Add(1, tags);
        if (queueWait is { } wait)
        {
            _queueWait.Record(Math.Max(0, wait.TotalSeconds), tags);
        }
    }

    public void TrialCompleted(string study, string trainer, bool pruned, double durationSeconds)
    {
        var tags = Tags(study, trainer);
        (pruned ? _pruned : _completed).Add(1, tags);
        if (double.IsFinite(durationSeconds) && durationSeconds >= 0)
        {
            _trialDuration.Record(durationSeconds, tags);
        }
    }

    public void TrialFailed(string study, string trainer, bool retryable)
    {
        var tags = Tags(study, trainer);
        tags.Add("retryable", retryable);
        _failed.Add(1, tags);
    }

    public void TrialReported(string study, string trainer) => _reports.Add(1, Tags(study, trainer));

    public void DecisionSent(string action) => _decisions.Add(1, new KeyValuePair<string, object?>("action", action));

    public void MessageFaulted(string messageType) => _faulted.Add(1, new KeyValuePair<string, object?>("message_type", messageType));

    /// <summary>A message moved to an error queue; <paramref name="queue"/> is the queue it was received on.</summary>
    public void RecordParked(string queue, string reason) =>
        _parked.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>An outcome that changed nothing (late, stale attempt, duplicate); call once per dropped message.</summary>
    public void RecordDroppedOutcome(string messageType, string reason) =>
        _dropped.Add(1, new KeyValuePair<string, object?>("message_type", messageType), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>How long a committed outbox message waited before the relay sent it.</summary>
    public void RecordOutboxLag(TimeSpan lag) => _outboxLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>One <c>ISampler.Suggest</c> (or <c>Plan</c>) call of a sampler type.</summary>
    public void RecordSuggest(string sampler, TimeSpan elapsed) =>
        _suggest.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("sampler", sampler));

    public void RecordStoreWrite(string operation, TimeSpan elapsed) =>
        _storeWrite.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    public void RecordVerification(TimeSpan elapsed) => _verification.Record(elapsed.TotalSeconds);

    public void Dispose() => _meter.Dispose();

    private static TagList Tags(string study, string trainer) => new() { { "study", study }, { "trainer", trainer } };
}
