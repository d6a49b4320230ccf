using HyperBus.Core.Space;

namespace HyperBus.Core.Trials;

/// <summary>
/// What samplers and schedulers see of a study: its space, direction and trials. It is a read-only
/// snapshot handed to them by the saga, so they never touch storage or the bus.
/// </summary>
public sealed class StudyView
{
    public StudyView(Guid studyId, SearchSpace space, StudyDirection direction, IReadOnlyList<Trial> trials)
        : this(studyId, space, [direction], trials)
    {
    }

    /// <summary>A view of a study with one or more objectives (multi-objective when several directions).</summary>
    public StudyView(Guid studyId, SearchSpace space, IReadOnlyList<StudyDirection> directions, IReadOnlyList<Trial> trials)
    {
        if (directions.Count == 0)
        {
            throw new ArgumentException("a study has at least one direction", nameof(directions));
        }

        StudyId = studyId;
        Space = space;
        Direction = directions[0];
        Directions = directions;
        Trials = trials;
    }

    public Guid StudyId { get; }

    public SearchSpace Space { get; }

    /// <summary>The direction of the (first) objective.</summary>
    public StudyDirection Direction { get; }

    /// <summary>One direction per objective; a single entry for a single-objective study.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    public bool IsMultiObjective => Directions.Count > 1;

    /// <summary>All trials in number order, finished or not.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>The number the next created trial gets.</summary>
    public int NextTrialNumber => Trials.Count == 0 ? 0 : Trials[^1].Number + 1;

    public IEnumerable<Trial> Completed => Trials.Where(t => t.State == TrialState.Completed && t.Value is not null);

    public IEnumerable<Trial> Running => Trials.Where(t => t.State == TrialState.Running);

    /// <summary>The best feasible completed trial, ties going to the earlier one; null before any feasible one completes.</summary>
    public Trial? Best
    {
        get
        {
            Trial? best = null;
            foreach (var t in Completed.Where(t => t.IsFeasible))
            {
                if (best is null || IsBetter(t.Value!.Value, best.Value!.Value))
                {
                    best = t;
                }
            }

            return best;
        }
    }

    public bool IsBetter(double candidate, double incumbent) =>
        Direction == StudyDirection.Maximize ? candidate > incumbent : candidate < incumbent;

    /// <summary>The value turned so that smaller is always better (what minimising algorithms want).</summary>
    public double ToLoss(double value) => Direction == StudyDirection.Maximize ? -value : value;
}
