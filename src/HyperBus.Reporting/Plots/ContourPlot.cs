using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>The interpolated objective over two parameters as a heat map, with the trials as dots.</summary>
public static class ContourPlot
{
    public static Plot Create(ContourGrid grid, string metric)
    {
        var plot = new Plot();
        var n = grid.Resolution;
        // ScottPlot draws row 0 at the top; the grid's row 0 is the bottom.
        var image = new double[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                image[n - 1 - r, c] = grid.Z[r, c];
            }
        }

        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Position = new CoordinateRect(0, 1, 0, 1);
        plot.Add.ColorBar(heatmap).Label = metric;
        var dots = plot.Add.ScatterPoints(grid.XPoints.Select(p => p.Position).ToArray(), grid.YPoints.Select(p => p.Position).ToArray());
        dots.Color = Colors.Black;
        dots.MarkerSize = 5;
        AxisTicks.Normalised(plot.Axes.Bottom, grid.X);
        AxisTicks.Normalised(plot.Axes.Left, grid.Y);
        plot.XLabel(grid.X.Name);
        plot.YLabel(grid.Y.Name);
        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot;
    }
}
