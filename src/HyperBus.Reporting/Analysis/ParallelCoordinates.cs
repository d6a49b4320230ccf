using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>
/// Parallel coordinates (as Optuna draws them): one axis for the objective and one per parameter, each
/// scaled to [0, 1] over the values seen; trials that lack a parameter (conditional spaces) are left out,
/// as Optuna does, and every line carries its trial's rank for colouring.
/// </summary>
public sealed record ParallelCoordinates(string Metric, IReadOnlyList<ParameterAxis> Axes, double ValueLow, double ValueHigh, IReadOnlyList<ParallelLine> Lines)
{
    public static ParallelCoordinates Compute(StudySnapshot study, IReadOnlyList<string>? parameters = null)
    {
        var names = parameters ?? study.ParameterNames;
        var trials = study.Completed.Where(t => names.All(t.Params.ContainsKey)).ToList();
        var axes = names.Select(n => ParameterAxis.For(n, study.Space, trials, useSpecBounds: false)).ToList();
        if (trials.Count == 0)
        {
            return new ParallelCoordinates(study.Metric, axes, 0, 0, []);
        }

        var low = trials.Min(t => t.Value!.Value);
        var high = trials.Max(t => t.Value!.Value);
        var ordered = trials.Select(t => t.Value!.Value).Order().ToList();
        if (study.Direction == StudyDirection.Maximize)
        {
            ordered.Reverse();
        }

        var lines = trials.Select(t =>
        {
            var value = t.Value!.Value;
            var positions = new List<double> { high > low ? (value - low) / (high - low) : 0.5 };
            positions.AddRange(axes.Select(a => a.Normalize(t.Params[a.Name])));
            return new ParallelLine(t.Number, value, ordered.IndexOf(value), positions);
        }).ToList();
        return new ParallelCoordinates(study.Metric, axes, low, high, lines);
    }
}
