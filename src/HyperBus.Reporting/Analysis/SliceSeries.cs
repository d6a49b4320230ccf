using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>The objective against one parameter over the completed trials that have it (Optuna's slice plot).</summary>
public sealed record SliceSeries(ParameterAxis Axis, IReadOnlyList<SlicePoint> Points)
{
    public static SliceSeries Compute(StudySnapshot study, string parameter)
    {
        var trials = study.Completed.Where(t => t.Params.ContainsKey(parameter)).ToList();
        var axis = ParameterAxis.For(parameter, study.Space, trials, useSpecBounds: false);
        return new SliceSeries(axis, trials.Select(t => new SlicePoint(t.Number, axis.ToInternal(t.Params[parameter]), t.Value!.Value)).ToList());
    }
}
