using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>The objective against one parameter, dots coloured from early (purple) to late (yellow) trials, with a colour bar of trial numbers.</summary>
public static class SlicePlot
{
    public static Plot Create(SliceSeries slice, string metric)
    {
        var plot = new Plot();
        var last = slice.Points.Count == 0 ? 1 : slice.Points.Max(p => p.Number);
        var first = slice.Points.Count == 0 ? 0 : slice.Points.Min(p => p.Number);
        // Viridis up to 0.9: every shade stays visible on white (its last tenth and the light end of Blues are near-white).
        var colors = new ColorScale(new VisibleViridis(), first, Math.Max(last, first + 1));
        foreach (var point in slice.Points.OrderBy(p => p.Number))
        {
            var marker = plot.Add.Marker(point.Position, point.Value);
            marker.Size = 7;
            marker.Color = colors.ColorOf(point.Number);
        }

        colors.AddBar(plot, "trial number");
        AxisTicks.Internal(plot.Axes.Bottom, slice.Axis);
        plot.XLabel(slice.Axis.Name + (slice.Axis.Log ? " (log scale)" : string.Empty));
        plot.YLabel(metric);
        return plot;
    }
}
