using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// One trial of an <see cref="InMemoryStudyStore"/>, kept as one mutable object: a study keeps every trial for its whole
/// life, so the store holds the fields a trial and its current attempt need instead of a <see cref="Trial"/> record
/// copied on each write, an attempt list and attempt records (the trial and its attempts are made when they are read).
/// What the finishing attempt wrote stays in its <see cref="TrialOutcome"/>, which the row reads its result from.
/// Not thread-safe: the store holds its lock around every use.
/// </summary>
internal sealed class InMemoryTrialRow
{
    private readonly Trial? _extras;
    private List<TrialAttempt>? _earlierAttempts;
    private SortedDictionary<long, double>? _reports;
    private string? _workerId;

    /// <summary>A new running trial at attempt 1, from the trial as the caller created it.</summary>
    public InMemoryTrialRow(Guid studyId, Trial trial, IReadOnlyDictionary<string, string> attributes)
    {
        StudyId = studyId;
        Id = trial.Id;
        Number = trial.Number;
        Params = trial.Params;
        Attributes = attributes;
        // The rarely given extras (values, budget, checkpoint, ...) are read from the caller's record; most trials have none.
        _extras = trial.Values is null && trial.Constraints is null && trial.Budget is null && trial.Checkpoint is null && trial.Artifact is null
            && trial.DurationSeconds is null ? null : trial;
    }

    public Guid StudyId { get; }

    public Guid Id { get; }

    public int Number { get; }

    public TrialState State { get; private set; } = TrialState.Running;

    public int Attempt { get; private set; } = 1;

    public ParameterSet Params { get; private set; }

    public IReadOnlyDictionary<string, string> Attributes { get; set; }

    /// <summary>The current attempt's start (when a worker said so, or as the outcome's duration implies).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>How the trial's last attempt ended as written, or null before it finished.</summary>
    public TrialOutcome? Outcome { get; private set; }

    public bool IsCurrent(int attempt) => Attempt == attempt && State == TrialState.Running;

    public void MarkStarted(string workerId, DateTimeOffset at)
    {
        _workerId = workerId;
        StartedAt = at;
    }

    public bool AddReport(TrialReport report) => (_reports ??= []).TryAdd(report.Step, report.Value);

    /// <summary>Closes the current attempt as failed and makes the next one current, with no reports yet.</summary>
    public void Retry(string error, DateTimeOffset at)
    {
        (_earlierAttempts ??= []).Add(CurrentAttempt() with { State = "Failed", Error = error, FinishedAt = at });
        Attempt++;
        StartedAt = null;
        _workerId = null;
        _reports?.Clear();
    }

    public void Finish(TrialOutcome outcome)
    {
        // As in SQLite, a trial that never said it started began its measured duration before it finished.
        if (StartedAt is null && double.IsFinite(outcome.DurationSeconds) && outcome.DurationSeconds >= 0)
        {
            StartedAt = outcome.FinishedAt.AddSeconds(-outcome.DurationSeconds);
        }

        Outcome = outcome;
        State = outcome.State;
        Params = outcome.Params ?? Params;
    }

    /// <summary>The trial as last written, with the current attempt's reports.</summary>
    public Trial ToTrial() => new()
    {
        Id = Id,
        Number = Number,
        State = State,
        Params = Params,
        Attempt = Attempt,
        Value = FiniteValue(),
        Values = Outcome is { } o ? o.Values : _extras?.Values,
        Constraints = Outcome is { } c ? c.Constraints : _extras?.Constraints,
        Reports = _reports is null ? [] : [.. _reports.Select(p => new TrialReport(p.Key, p.Value))],
        Attributes = Attributes,
        Budget = _extras?.Budget,
        Checkpoint = Outcome?.Checkpoint ?? _extras?.Checkpoint,
        Artifact = Outcome?.Artifact ?? _extras?.Artifact,
        DurationSeconds = Outcome is { } d ? (double.IsFinite(d.DurationSeconds) ? d.DurationSeconds : null) : _extras?.DurationSeconds,
        StartedAt = StartedAt,
        FinishedAt = Outcome?.FinishedAt,
    };

    /// <summary>Every attempt, the current one last.</summary>
    public IReadOnlyList<TrialAttempt> Attempts() => [.. _earlierAttempts ?? [], CurrentAttempt()];

    // NaN and infinities are no result (as in SQLite).
    private double? FiniteValue() => Outcome?.Value is { } v && double.IsFinite(v) ? v : null;

    private TrialAttempt CurrentAttempt() =>
        new(Id, Attempt, _workerId ?? Outcome?.WorkerId, StartedAt, Outcome?.FinishedAt, Outcome?.State.ToString() ?? "Running", FiniteValue(), Outcome?.Error);
}
