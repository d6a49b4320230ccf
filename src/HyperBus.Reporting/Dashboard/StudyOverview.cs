using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Dashboard;

/// <summary>A study as <c>/api/studies</c> lists it: state, trial counts by state and the best value so far (with its objectives' directions and names when it has several).</summary>
public sealed record StudyOverview(
    Guid Id,
    string Name,
    string Status,
    string Direction,
    string Metric,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    int Trials,
    int Running,
    int Completed,
    int Pruned,
    int Failed,
    double? BestValue,
    int? BestTrial,
    IReadOnlyList<string>? Directions = null,
    IReadOnlyList<string>? Objectives = null)
{
    /// <summary>Why a paused study is paused (<c>paused: trainer KIND failing: ERROR</c> when its trainer pool broke); null otherwise.</summary>
    public string? PauseReason { get; init; }

    public static StudyOverview From(StudySnapshot study)
    {
        var best = study.Best;
        int Count(TrialState state) => study.Trials.Count(t => t.State == state);
        return new StudyOverview(study.Study.Id, study.Study.Name, study.Study.Status.ToString().ToLowerInvariant(),
            study.Direction.ToString().ToLowerInvariant(), study.Metric, study.Study.CreatedAt, study.Study.FinishedAt,
            study.Trials.Count, Count(TrialState.Running), Count(TrialState.Completed), Count(TrialState.Pruned), Count(TrialState.Failed),
            best?.Value, best?.Number, study.IsMultiObjective ? [.. study.Directions.Select(d => d.ToString().ToLowerInvariant())] : null,
            study.IsMultiObjective ? study.ObjectiveNames : null);
    }
}
