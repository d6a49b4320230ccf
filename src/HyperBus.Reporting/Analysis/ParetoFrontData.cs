using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>
/// The numbers behind the Pareto-front plot (Optuna's plot_pareto_front): every completed trial at its first two
/// objectives, the front being the feasible trials no other feasible trial dominates in all objectives.
/// </summary>
/// <param name="Objectives">Axis names with their directions, one per objective.</param>
/// <param name="Points">Every completed trial with all its objectives, in number order.</param>
/// <param name="Front">The trials on the front, ordered by the first objective (so a line through them is the front).</param>
public sealed record ParetoFrontData(IReadOnlyList<string> Objectives, IReadOnlyList<ParetoPoint> Points, IReadOnlyList<Trial> Front)
{
    /// <summary>Null unless the study has several objectives and at least one trial with all of them.</summary>
    public static ParetoFrontData? Compute(StudySnapshot study)
    {
        if (!study.IsMultiObjective)
        {
            return null;
        }

        var directions = study.Directions;
        var complete = study.Completed.Where(t => t.Objectives.Count == directions.Count).ToList();
        if (complete.Count == 0)
        {
            return null;
        }

        var front = ParetoDominance.ParetoFront(complete, directions).OrderBy(t => t.Objectives[0]).ThenBy(t => t.Number).ToList();
        var onFront = front.Select(t => t.Number).ToHashSet();
        var points = complete.Select(t => new ParetoPoint(t.Number, t.Objectives[0], t.Objectives[1], onFront.Contains(t.Number), t.IsFeasible)).ToList();
        var names = directions.Select((d, i) => $"{study.ObjectiveNames[i]} ({d.ToString().ToLowerInvariant()})").ToList();
        return new ParetoFrontData(names, points, front);
    }
}
