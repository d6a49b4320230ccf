using System.Collections.Concurrent;
using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using Polly.Timeout;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// The host's working copy of one running study: its spec, sampler, scheduler and a mirror of its
/// trials. The store stays the source of truth; this is rebuilt from it after a restart.
/// </summary>
public sealed class StudyRuntime
{
    private readonly List<Trial> _trials;
    private readonly Dictionary<Guid, int> _index = [];
    private readonly int[] _counts = new int[Enum.GetValues<TrialState>().Length];

    public StudyRuntime(StudyRecord record, StudySpec spec, ISampler sampler, IScheduler scheduler, IEnumerable<Trial> trials, DateTimeOffset startedAt)
    {
        Record = record;
        Spec = spec;
        Sampler = sampler;
        Scheduler = scheduler;
        StartedAt = startedAt;
        AttemptTimeout = AttemptTimeoutOptions.Create(spec.TrialTimeoutSeconds);
        _trials = [.. trials.OrderBy(t => t.Number)];
        for (var i = 0; i < _trials.Count; i++)
        {
            _index[_trials[i].Id] = i;
            _counts[(int)_trials[i].State]++;
        }
    }

    public StudyRecord Record { get; }

    public Guid StudyId => Record.Id;

    public StudySpec Spec { get; }

    public ISampler Sampler { get; }

    public IScheduler Scheduler { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The worker of each attempt in flight that said who it is, so a cancel can tell it to stop.</summary>
    public ConcurrentDictionary<(Guid TrialId, int Attempt), string> Workers { get; } = new();

    /// <summary>Deadlines of the attempts in flight, read by the deadline watcher on another thread.</summary>
    public ConcurrentDictionary<(Guid TrialId, int Attempt), DateTimeOffset> Deadlines { get; } = new();

    /// <summary>
    /// Attempts the trial policy put off (retries waiting out their backoff) and when they are due, read by the
    /// attempt scheduler on another thread. Their trials count as running: they keep their slot while they wait.
    /// </summary>
    public ConcurrentDictionary<(Guid TrialId, int Attempt), DateTimeOffset> Waiting { get; } = new();

    /// <summary>Hedged attempts in flight and the clocks the hedge scan reads (see Policies/Hedging).</summary>
    public Policies.Hedging.HedgeBook Hedges { get; } = new();

    /// <summary>
    /// The attempt timeout of the study's trial pipeline (Polly's timeout strategy, registered by
    /// <see cref="TrialPolicies.Pipeline(StudyRuntime)"/>): every deadline below is evaluated from it.
    /// </summary>
    public TimeoutStrategyOptions AttemptTimeout { get; }

    /// <summary>
    /// Gives the attempt a fresh deadline and returns it: the trial timeout once a worker has it (on
    /// start and every report), the longer queued timeout while it waits to be taken.
    /// </summary>
    public DateTimeOffset ExtendDeadline(Guid trialId, int attempt, DateTimeOffset now, bool started = true)
    {
        var deadline = now + AttemptTimeoutOptions.Evaluate(AttemptTimeout, started);
        Deadlines[(trialId, attempt)] = deadline;
        return deadline;
    }

    /// <summary>Why the study is paused (its trainer pool's <c>paused: trainer KIND failing: ERROR</c>, or a person's reason); null while it runs.</summary>
    public string? PauseReason { get; set; }

    /// <summary>When progress was last published; progress events are throttled so they never cap trial throughput.</summary>
    public DateTimeOffset LastProgressAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Set when the sampler has no more configurations (a used-up grid).</summary>
    public bool Exhausted { get; set; }

    public IReadOnlyList<Trial> Trials => _trials;

    public int Running => _counts[(int)TrialState.Running];

    /// <summary>Trials in <paramref name="state"/>, kept as trials change rather than counted (studies reach 10,000s of trials).</summary>
    public int Count(TrialState state) => _counts[(int)state];

    /// <summary>The view handed to samplers and schedulers; it wraps the live list, so it is only valid under the study's saga lock.</summary>
    public StudyView View() => new(StudyId, Spec.Space, Spec.Directions, _trials);

    public Trial? Find(Guid trialId) => _index.TryGetValue(trialId, out var i) ? _trials[i] : null;

    public void Add(Trial trial)
    {
        _index[trial.Id] = _trials.Count;
        _trials.Add(trial);
        _counts[(int)trial.State]++;
    }

    public void Replace(Trial trial)
    {
        var i = _index[trial.Id];
        _counts[(int)_trials[i].State]--;
        _counts[(int)trial.State]++;
        _trials[i] = trial;
    }

    /// <summary>True when no trial is in flight and no more will be created.</summary>
    public bool IsDone => Running == 0 && (Exhausted || _trials.Count >= Spec.Trials);
}
