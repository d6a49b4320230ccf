using System.Collections.Concurrent;
using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// The host's working copy of one running study: its spec, sampler, scheduler and a mirror of its
/// trials. The store stays the source of truth; this is rebuilt from it after a restart.
/// </summary>
public sealed class StudyRuntime
{
    private readonly List<Trial> _trials;
    private readonly Dictionary<Guid, int> _index = [];

    public StudyRuntime(StudyRecord record, StudySpec spec, ISampler sampler, IScheduler scheduler, IEnumerable<Trial> trials, DateTimeOffset startedAt)
    {
        Record = record;
        Spec = spec;
        Sampler = sampler;
        Scheduler = scheduler;
        StartedAt = startedAt;
        _trials = [.. trials.OrderBy(t => t.Number)];
        for (var i = 0; i < _trials.Count; i++)
        {
            _index[_trials[i].Id] = i;
        }
    }

    public StudyRecord Record { get; }

    public Guid StudyId => Record.Id;

    public StudySpec Spec { get; }

    public ISampler Sampler { get; }

    public IScheduler Scheduler { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Serialises all work on this study (the saga repository does too; this guards the mirror).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Deadlines of the attempts in flight, read by the deadline watcher on another thread.</summary>
    public ConcurrentDictionary<(Guid TrialId, int Attempt), DateTimeOffset> Deadlines { get; } = new();

    /// <summary>Set when the sampler has no more configurations (a used-up grid).</summary>
    public bool Exhausted { get; set; }

    public IReadOnlyList<Trial> Trials => _trials;

    public int Running => _trials.Count(t => t.State == TrialState.Running);

    public int Count(TrialState state) => _trials.Count(t => t.State == state);

    /// <summary>The view handed to samplers and schedulers; it wraps the live list, so it is only valid under <see cref="Gate"/>.</summary>
    public StudyView View() => new(StudyId, Spec.Space, Spec.Direction, _trials);

    public Trial? Find(Guid trialId) => _index.TryGetValue(trialId, out var i) ? _trials[i] : null;

    public void Add(Trial trial)
    {
        _index[trial.Id] = _trials.Count;
        _trials.Add(trial);
    }

    public void Replace(Trial trial) => _trials[_index[trial.Id]] = trial;

    /// <summary>True when no trial is in flight and no more will be created.</summary>
    public bool IsDone => Running == 0 && (Exhausted || _trials.Count >= Spec.Trials);
}
