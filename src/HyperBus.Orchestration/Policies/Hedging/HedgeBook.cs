using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// One study's hedging state on this host, read by the hedge watcher on another thread: the hedged attempts in flight,
/// since when each attempt runs, and the completed trials' durations. Rebuilt from the store's trials after a restart.
/// </summary>
public sealed class HedgeBook
{
    private readonly ConcurrentQueue<double> _durations = new();
    private IReadOnlyList<double> _sorted = [];

    /// <summary>The hedged attempt of each trial that has one in flight beside its current attempt.</summary>
    public ConcurrentDictionary<Guid, int> InFlight { get; } = new();

    /// <summary>Trials that had their hedge; a trial is hedged at most once.</summary>
    public ConcurrentDictionary<Guid, byte> Hedged { get; } = new();

    /// <summary>Since when each attempt in flight runs on the host's clock: its request, then its TrialStarted.</summary>
    public ConcurrentDictionary<(Guid TrialId, int Attempt), (DateTimeOffset Since, bool Started)> RunningSince { get; } = new();

    public void Requested(Guid trialId, int attempt, DateTimeOffset now) => RunningSince[(trialId, attempt)] = (now, false);

    /// <summary>
    /// The attempt's clock restarts at its first TrialStarted (time in the queue is not the worker's), from the start the
    /// worker gives (a worker announces a start only after a while), kept between the request and now against clock skew.
    /// </summary>
    public void Started(Guid trialId, int attempt, DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (RunningSince.TryGetValue((trialId, attempt), out var since) && !since.Started)
        {
            var start = startedAt < since.Since ? since.Since : startedAt > now ? now : startedAt;
            RunningSince[(trialId, attempt)] = (start, true);
        }
    }

    /// <summary>Counts a completed trial's duration (as its trainer measured it) for the quantile.</summary>
    public void Completed(double durationSeconds)
    {
        if (double.IsFinite(durationSeconds) && durationSeconds >= 0)
        {
            _durations.Enqueue(durationSeconds);
        }
    }

    /// <summary>The durations so far, sorted; sorted again only when one was added.</summary>
    public IReadOnlyList<double> SortedDurations()
    {
        var sorted = _sorted;
        if (sorted.Count != _durations.Count)
        {
            sorted = [.. _durations.Order()];
            _sorted = sorted;
        }

        return sorted;
    }
}
