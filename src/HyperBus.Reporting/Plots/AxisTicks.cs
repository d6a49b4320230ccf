using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Tick labels in a parameter's own values (choices, or numbers undone from a log scale).</summary>
public static class AxisTicks
{
    /// <summary>Ticks for data drawn in normalised [0, 1] units.</summary>
    public static void Normalised(IAxis axis, ParameterAxis parameter)
    {
        var positions = parameter.IsCategorical
            ? Enumerable.Range(0, parameter.Categories!.Count).Select(i => (i + 0.5) / parameter.Categories.Count).ToArray()
            : [0, 0.25, 0.5, 0.75, 1];
        axis.SetTicks(positions, positions.Select(parameter.Label).ToArray());
    }

    /// <summary>Ticks for data drawn in internal units (log of the value, or a category's index).</summary>
    public static void Internal(IAxis axis, ParameterAxis parameter)
    {
        if (parameter.IsCategorical)
        {
            var count = parameter.Categories!.Count;
            axis.SetTicks(Enumerable.Range(0, count).Select(i => (double)i).ToArray(), Enumerable.Range(0, count).Select(i => parameter.Label((i + 0.5) / count)).ToArray());
            return;
        }

        double[] shares = [0, 0.25, 0.5, 0.75, 1];
        axis.SetTicks(shares.Select(s => parameter.Low + (s * (parameter.High - parameter.Low))).ToArray(), shares.Select(parameter.Label).ToArray());
    }
}
