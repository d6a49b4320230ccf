using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Storage;

namespace HyperBus;

/// <summary>
/// A tuning study used from C# (Optuna's <c>Study</c>): define-by-run <see cref="OptimizeAsync(Func{RunningTrial, Task{double}}, int, int, bool, CancellationToken)"/>,
/// or ask-and-tell. Trials go to the same <see cref="IStudyStore"/> the saga writes, so <c>hyperbus status</c> shows them.
/// </summary>
public sealed partial class Study : IDisposable
{
    private readonly StudyComponents _components;
    private readonly TimeProvider _time;
    private readonly bool _ownsStore;
    private readonly TrialLog _trials;
    private readonly Dictionary<int, RunningTrial> _pending = [];
    private readonly Queue<IReadOnlyDictionary<string, object>> _enqueued = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DistributionText _distributionText = new();
    private ISampler? _sampler;
    private int _samplerVersion = -1;
    private StudyStatus _status;

    private Study(StudyRecord record, IReadOnlyList<StudyDirection> directions, StudyComponents components, IStudyStore store, bool ownsStore,
        IReadOnlyList<Trial> trials, StudyOptions options)
    {
        Id = record.Id;
        Name = record.Name;
        _status = record.Status;
        Directions = directions;
        Store = store;
        _components = components;
        _time = options.Time;
        _ownsStore = ownsStore;
        Seed = components.SamplerSpec.Seed ?? options.Seed ?? 0;
        var ordered = trials.OrderBy(t => t.Number).ToList();
        foreach (var t in ordered)
        {
            Discovered.Absorb(t);
        }

        _trials = new TrialLog(directions[0], Discovered.ForSampler, () => Discovered.Version);
        foreach (var t in ordered)
        {
            _trials.Add(t);
            if (!t.IsFinished)
            {
                // An ask from before a restart: still tellable (by number or through PendingTrials).
                _pending[t.Number] = new RunningTrial(this, t, ParameterSet.Empty, t.Params);
            }
        }
    }

    public Guid Id { get; }

    public string Name { get; }

    /// <summary>One per objective; several make the study multi-objective (NSGA-II by default).</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    public IStudyStore Store { get; }

    /// <summary>The union of the parameters the objective has asked for so far.</summary>
    public SearchSpace Space => Discovered.Space;

    /// <summary>All trials in number order, as last written (a snapshot).</summary>
    public IReadOnlyList<Trial> Trials => _trials.Snapshot();

    /// <summary>Asked trials not told yet, including those asked before the study was re-opened.</summary>
    public IReadOnlyList<RunningTrial> PendingTrials
    {
        get
        {
            lock (_pending)
            {
                return [.. _pending.Values.OrderBy(t => t.Number)];
            }
        }
    }

    /// <summary>True while an asked trial waits for its result (a count, not a sorted copy of them).</summary>
    internal bool HasPending
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <summary>The best feasible completed trial of a single-objective study.</summary>
    public Trial BestTrial
    {
        get
        {
            if (Directions.Count > 1)
            {
                throw new InvalidOperationException("a multi-objective study has no single best trial; use BestTrials (the Pareto front)");
            }

            return _trials.Best
                ?? throw new InvalidOperationException($"study '{Name}' has no feasible completed trial yet");
        }
    }

    public double BestValue => BestTrial.Value!.Value;

    public ParameterSet BestParams => BestTrial.Params;

    /// <summary>The Pareto front: feasible completed trials no other feasible trial dominates (the best trial(s) with one objective).</summary>
    public IReadOnlyList<Trial> BestTrials => ParetoDominance.ParetoFront(Trials, Directions);

    internal DiscoveredSpace Discovered { get; } = new();

    internal int Seed { get; }

    /// <summary>Creates a single-objective study (or opens it, with <see cref="StudyOptions.LoadIfExists"/>).</summary>
    public static Task<Study> CreateAsync(string name, StudyDirection direction = StudyDirection.Minimize, StudyOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(name, [direction], options, cancellationToken);

    /// <summary>Creates a study with one direction per objective.</summary>
    public static async Task<Study> CreateAsync(string name, IReadOnlyList<StudyDirection> directions, StudyOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        if (directions is null || directions.Count == 0)
        {
            throw new ArgumentException("directions: a study needs at least one direction", nameof(directions));
        }

        options ??= new StudyOptions();
        var (store, owns) = OpenStore(options);
        if (await store.FindStudyAsync(name, cancellationToken) is { } existing)
        {
            if (!options.LoadIfExists)
            {
                throw new InvalidOperationException($"a study named '{name}' already exists in the store; set LoadIfExists = true or use Study.LoadAsync");
            }

            var stored = StudyDocument.Read(existing.SpecJson);
            if (!stored.Directions.SequenceEqual(directions))
            {
                throw new ArgumentException($"directions: study '{name}' is stored with [{string.Join(", ", stored.Directions)}], not [{string.Join(", ", directions)}]", nameof(directions));
            }

            return await OpenAsync(existing, store, owns, options, cancellationToken);
        }

        var components = StudyComponents.Create(options, directions, null);
        var now = options.Time.GetUtcNow();
        var document = new StudyDocument(name, directions, options.Metric, components.SamplerSpec, components.SchedulerSpec);
        var record = new StudyRecord(Guid.CreateVersion7(now), name, document.ToJson(), directions[0], StudyStatus.Running, now, null);
        await store.CreateStudyAsync(record, cancellationToken);
        return new Study(record, directions, components, store, owns, [], options);
    }

    /// <summary>Opens a stored study (the newest of that name, or by id) with its trials; pending asks stay tellable.</summary>
    public static async Task<Study> LoadAsync(string nameOrId, StudyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StudyOptions();
        var (store, owns) = OpenStore(options);
        var record = await store.FindStudyAsync(nameOrId, cancellationToken)
            ?? throw new InvalidOperationException($"no study named '{nameOrId}' in the store");
        return await OpenAsync(record, store, owns, options, cancellationToken);
    }

    public void Dispose()
    {
        _gate.Dispose();
        if (_ownsStore && Store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private static async Task<Study> OpenAsync(StudyRecord record, IStudyStore store, bool owns, StudyOptions options, CancellationToken cancellationToken)
    {
        var document = StudyDocument.Read(record.SpecJson);
        var components = StudyComponents.Create(options, document.Directions, document);
        var trials = await store.LoadTrialsAsync(record.Id, cancellationToken);
        return new Study(record, document.Directions, components, store, owns, trials, options);
    }

    private static (IStudyStore Store, bool Owns) OpenStore(StudyOptions options) =>
        options.Store is { } given ? (given, false)
        : options.Storage is { } path ? (new SqliteStudyStore(path, options.Time), true)
        : (new InMemoryStudyStore(), true);

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"study: '{name}' must be 1-100 letters, digits, '.', '_' or '-'", nameof(name));
        }
    }

    /// <summary>The sampler for the space as it is now: built again whenever a new parameter has appeared.</summary>
    private ISampler CurrentSampler()
    {
        if (_sampler is null || _samplerVersion != Discovered.Version)
        {
            _samplerVersion = Discovered.Version;
            _sampler = _components.CreateSampler(Discovered.Space);
        }

        return _sampler;
    }

    /// <summary>The study as samplers see it: each trial with only the parameters inside the known distributions.</summary>
    private StudyView SamplerView() => new(Id, Discovered.Space, Directions, _trials.SamplerView());
}
