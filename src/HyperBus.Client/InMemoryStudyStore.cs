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
    private readonly Dictionary<Guid, InMemoryTrialRow> _trials = [];
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

    /// <summary>Makes room for this many more trials (a study about to run them), so the store does not grow its table step by step.</summary>
    internal void Reserve(int more)
    {
        lock (_lock)
        {
            _trials.EnsureCapacity(_trials.Count + more);
        }
    }

    public Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default)
    {
        // The three writes every trial makes lock directly instead of through a closure: no allocation the study would grow with.
        lock (_lock)
        {
            if (!_trials.ContainsKey(trial.Id))
            {
                // Attributes are replaced, never changed in place (SetTrialAttributeAsync copies), so an empty set can be shared.
                var attributes = trial.Attributes.Count == 0 ? NoAttributes : new Dictionary<string, string>(trial.Attributes, StringComparer.Ordinal);
                _trials[trial.Id] = new InMemoryTrialRow(studyId, trial, attributes);
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (Current(trialId, attempt) is not { } row)
            {
                return NotDone;
            }

            row.MarkStarted(workerId, at);
            return Done;
        }
    }

    public Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Current(trialId, attempt) is { } row && row.AddReport(report) ? Done : NotDone;
        }
    }

    public Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (Current(trialId, failedAttempt) is not { } row)
            {
                return NotDone;
            }

            row.Retry(error, at);
            return Done;
        }
    }

    public Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.State == TrialState.Running)
        {
            throw new ArgumentException("a trial is finished as Completed, Pruned or Failed, not Running", nameof(outcome));
        }

        lock (_lock)
        {
            if (Current(trialId, attempt) is not { } row)
            {
                return NotDone;
            }

            row.Finish(outcome);
            return Done;
        }
    }

    public Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_trials.TryGetValue(trialId, out var row))
            {
                row.Attributes = row.Attributes.Count == 0 ? OnlyAttribute(key, value) : new Dictionary<string, string>(row.Attributes, StringComparer.Ordinal) { [key] = value };
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Trial>> LoadTrialsAsync(Guid studyId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Trial>>(() => [.. _trials.Values.Where(r => r.StudyId == studyId).OrderBy(r => r.Number).Select(r => r.ToTrial())]);

    public Task<IReadOnlyList<TrialAttempt>> LoadAttemptsAsync(Guid trialId, CancellationToken cancellationToken = default) =>
        Read(() => _trials.TryGetValue(trialId, out var row) ? row.Attempts() : []);

    /// <summary>How the trial's last attempt ended as written (metrics, duration, ...), or null before it finished.</summary>
    public TrialOutcome? OutcomeOf(Guid trialId)
    {
        lock (_lock)
        {
            return _trials.TryGetValue(trialId, out var row) ? row.Outcome : null;
        }
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

    private InMemoryTrialRow? Current(Guid trialId, int attempt) =>
        _trials.TryGetValue(trialId, out var row) && row.IsCurrent(attempt) ? row : null;

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return Task.FromResult(read());
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
}
