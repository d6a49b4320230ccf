using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>The objective against one parameter, dots shaded from early (light) to late (dark) trials.</summary>
public static class SlicePlot
{
    public static Plot Create(SliceSeries slice, string metric)
    {
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Blues();
        var last = Math.Max(1, slice.Points.Count == 0 ? 1 : slice.Points.Max(p => p.Number));
        foreach (var point in slice.Points)
        {
            var marker = plot.Add.Marker(point.Position, point.Value);
            marker.Size = 7;
            marker.Color = colormap.GetColor(0.45 + (0.55 * point.Number / last));
        }

        AxisTicks.Internal(plot.Axes.Bottom, slice.Axis);
        plot.XLabel(slice.Axis.Name + (slice.Axis.Log ? " (log scale)" : string.Empty));
        plot.YLabel(metric);
        return plot;
    }
}
