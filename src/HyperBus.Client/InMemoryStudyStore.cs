using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// The study store in process memory, for studies that need no file (tests, notebooks, benchmarks). It keeps
/// the same contract as the SQLite store: every write idempotent by (trial, attempt); one lock serialises them.
/// </summary>
public sealed class InMemoryStudyStore : IStudyStore
{
    private static readonly Task<bool> Done = Task.FromResult(true);
    private static readonly Task<bool> NotDone = Task.FromResult(false);
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly List<StudyRecord> _studies = [];
    private readonly Dictionary<Guid, Row> _trials = [];
    private IReadOnlyDictionary<string, string>? _lastOnlyAttribute;

    public Task CreateStudyAsync(StudyRecord study, CancellationToken cancellationToken = default) => Write(() =>
    {
        if (!_studies.Any(s => s.Id == study.Id))
        {
            _studies.Add(study);
        }
    });

    public Task<StudyRecord?> GetStudyAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        Read(() => _studies.FirstOrDefault(s => s.Id == studyId));

    public Task<StudyRecord?> FindStudyAsync(string idOrName, CancellationToken cancellationToken = default) => Read(() =>
        (Guid.TryParse(idOrName, out var id) ? _studies.FirstOrDefault(s => s.Id == id) : null)
        ?? _studies.Select((s, i) => (s, i)).Where(x => x.s.Name == idOrName).OrderByDescending(x => x.s.CreatedAt).ThenByDescending(x => x.i)
            .Select(x => x.s).FirstOrDefault());

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<StudyRecord>>(() => [.. _studies.Select((s, i) => (s, i)).OrderBy(x => x.s.CreatedAt).ThenBy(x => x.i).Select(x => x.s)]);

    public Task SetStudyStatusAsync(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt, CancellationToken cancellationToken = default) => Write(() =>
    {
        var i = _studies.FindIndex(s => s.Id == studyId);
        if (i >= 0)
        {
            _studies[i] = _studies[i] with { Status = status, FinishedAt = finishedAt };
        }
    });

    public Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default)
    {
        // The three writes every trial makes lock directly instead of through a closure: no allocation the study would grow with.
        lock (_lock)
        {
            if (_trials.ContainsKey(trial.Id))
            {
                return Task.CompletedTask;
            }

            var row = new Row(studyId, trial with
            {
                State = TrialState.Running,
                Attempt = 1,
                Value = null,
                Reports = [],
                StartedAt = null,
                FinishedAt = null,
                // Attributes are replaced, never changed in place (SetTrialAttributeAsync copies), so an empty set can be shared.
                Attributes = trial.Attributes.Count == 0 ? NoAttributes : new Dictionary<string, string>(trial.Attributes, StringComparer.Ordinal),
            });
            row.Attempts.Add(new TrialAttempt(trial.Id, 1, null, null, null, "Running", null, null));
            _trials[trial.Id] = row;
            return Task.CompletedTask;
        }
    }

    public Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(() => Current(trialId, attempt) is { } row && Set(row, row.Trial with { StartedAt = at }, a => a with { WorkerId = workerId, StartedAt = at }));

    public Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default) => Write(() =>
    {
        var row = Current(trialId, attempt);
        return row is not null && row.Reports().TryAdd(report.Step, report.Value);
    });

    public Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default) => Write(() =>
    {
        if (Current(trialId, failedAttempt) is not { } row)
        {
            return false;
        }

        Set(row, row.Trial with { Attempt = failedAttempt + 1, StartedAt = null }, a => a with { State = "Failed", Error = error, FinishedAt = at });
        row.Attempts.Add(new TrialAttempt(trialId, failedAttempt + 1, null, null, null, "Running", null, null));
        row.ClearReports();
        return true;
    });

    public Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException("a trial is finished as Completed, Pruned or Failed, not Running", nameof(outcome));
        }

        lock (_lock)
        {
            return Finish(trialId, attempt, outcome) ? Done : NotDone;
        }
    }

    public Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_trials.TryGetValue(trialId, out var row))
            {
                row.Trial = row.Trial with { Attributes = row.Trial.Attributes.Count == 0 ? OnlyAttribute(key, value) : new Dictionary<string, string>(row.Trial.Attributes, StringComparer.Ordinal) { [key] = value } };
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Trial>> LoadTrialsAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Trial>>(() => [.. _trials.Values.Where(r => r.StudyId == studyId).OrderBy(r => r.Trial.Number)
            .Select(r => r.Trial with { Reports = r.LoadReports() })]);

    public Task<IReadOnlyList<TrialAttempt>> LoadAttemptsAsync(Guid trialId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<TrialAttempt>>(() => _trials.TryGetValue(trialId, out var row) ? [.. row.Attempts] : []);

    /// <summary>How the trial's last attempt ended as written (metrics, duration, ...), or null before it finished.</summary>
    public TrialOutcome? OutcomeOf(Guid trialId)
    {
        lock (_lock)
        {
            return _trials.TryGetValue(trialId, out var row) ? row.Outcome : null;
        }
    }

    private bool Finish(Guid trialId, int attempt, TrialOutcome outcome)
    {
        if (Current(trialId, attempt) is not { } row)
        {
            return false;
        }

        // As in SQLite, NaN and infinities are no result, and a trial that never said it started began its measured duration before it finished.
        var value = outcome.Value is { } v && double.IsFinite(v) ? v : (double?)null;
        DateTimeOffset? started = double.IsFinite(outcome.DurationSeconds) && outcome.DurationSeconds >= 0 ? outcome.FinishedAt.AddSeconds(-outcome.DurationSeconds) : null;
        row.Outcome = outcome;
        return Set(row, row.Trial with
        {
            State = outcome.State,
            Value = value,
            Values = outcome.Values,
            Constraints = outcome.Constraints,
            Params = outcome.Params ?? row.Trial.Params,
            Checkpoint = outcome.Checkpoint ?? row.Trial.Checkpoint,
            Artifact = outcome.Artifact ?? row.Trial.Artifact,
            FinishedAt = outcome.FinishedAt,
            StartedAt = row.Trial.StartedAt ?? started,
            DurationSeconds = double.IsFinite(outcome.DurationSeconds) ? outcome.DurationSeconds : null,
        }, a => a with
        {
            State = outcome.State.ToString(),
            Value = value,
            Error = outcome.Error,
            FinishedAt = outcome.FinishedAt,
            WorkerId = a.WorkerId ?? outcome.WorkerId,
            StartedAt = a.StartedAt ?? started,
        });
    }

    /// <summary>
    /// A trial's first attribute: shared with the previous trial when it is the same one (a define-by-run study writes the same
    /// distributions on every trial), so the store does not keep one dictionary per trial for it. Attributes are replaced, never changed.
    /// </summary>
    private IReadOnlyDictionary<string, string> OnlyAttribute(string key, string value)
    {
        if (_lastOnlyAttribute is not { } last || !last.TryGetValue(key, out var known) || !string.Equals(known, value, StringComparison.Ordinal))
        {
            _lastOnlyAttribute = last = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value };
        }

        return last;
    }

    private Row? Current(Guid trialId, int attempt) =>
        _trials.TryGetValue(trialId, out var row) && row.Trial.Attempt == attempt && row.Trial.State == TrialState.Running ? row : null;

    private static bool Set(Row row, Trial trial, Func<TrialAttempt, TrialAttempt> attempt)
    {
        var i = row.Attempts.FindIndex(a => a.Attempt == row.Trial.Attempt);
        row.Attempts[i] = attempt(row.Attempts[i]);
        row.Trial = trial;
        return true;
    }

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return Task.FromResult(read());
        }
    }

    private Task<bool> Write(Func<bool> write)
    {
        lock (_lock)
        {
            return Task.FromResult(write());
        }
    }

    private Task Write(Action write)
    {
        lock (_lock)
        {
            write();
            return Task.CompletedTask;
        }
    }

    /// <summary>One stored trial: its current state, the reports of its current attempt and every attempt.</summary>
    private sealed class Row(Guid studyId, Trial trial)
    {
        private SortedDictionary<long, double>? _reports;

        public Guid StudyId { get; } = studyId;

        public Trial Trial { get; set; } = trial;

        public List<TrialAttempt> Attempts { get; } = new(1);

        public TrialOutcome? Outcome { get; set; }

        /// <summary>The reports of the current attempt, made on the first one (most trials of a plain study report nothing).</summary>
        public SortedDictionary<long, double> Reports() => _reports ??= [];

        public void ClearReports() => _reports?.Clear();

        public IReadOnlyList<TrialReport> LoadReports() => _reports is null ? [] : [.. _reports.Select(p => new TrialReport(p.Key, p.Value))];
    }
}
