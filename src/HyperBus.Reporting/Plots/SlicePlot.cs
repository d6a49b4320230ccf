using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>The objective against one parameter, dots coloured from early (purple) to late (yellow) trials, with a legend saying so.</summary>
public static class SlicePlot
{
    public static Plot Create(SliceSeries slice, string metric)
    {
        var plot = new Plot();
        // Viridis keeps every shade visible on white (the light end of Blues was near-white for early trials).
        var colormap = new ScottPlot.Colormaps.Viridis();
        var last = Math.Max(1, slice.Points.Count == 0 ? 1 : slice.Points.Max(p => p.Number));
        var first = slice.Points.Count == 0 ? 0 : slice.Points.Min(p => p.Number);
        foreach (var point in slice.Points.OrderBy(p => p.Number))
        {
            var marker = plot.Add.Marker(point.Position, point.Value);
            marker.Size = 7;
            marker.Color = colormap.GetColor(0.9 * point.Number / last);
            if (point.Number == first || point.Number == last)
            {
                marker.LegendText = point.Number == first ? $"trial #{first} (earliest)" : $"trial #{last} (latest)";
            }
        }

        if (slice.Points.Count > 1)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }

        AxisTicks.Internal(plot.Axes.Bottom, slice.Axis);
        plot.XLabel(slice.Axis.Name + (slice.Axis.Log ? " (log scale)" : string.Empty));
        plot.YLabel(metric);
        return plot;
    }
}
