using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>One vertical axis per parameter after the objective's; each trial a line, the best ones darkest and drawn last.</summary>
public static class ParallelCoordinatePlot
{
    public static Plot Create(ParallelCoordinates data)
    {
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        var axisCount = data.Axes.Count + 1;
        var xs = Enumerable.Range(0, axisCount).Select(i => (double)i).ToArray();
        var worst = Math.Max(1, data.Lines.Count == 0 ? 1 : data.Lines.Max(l => l.Rank));
        foreach (var line in data.Lines.OrderByDescending(l => l.Rank))
        {
            var scatter = plot.Add.Scatter(xs, line.Positions.ToArray());
            scatter.MarkerSize = 0;
            scatter.LineWidth = 1.2f;
            scatter.Color = colormap.GetColor((double)line.Rank / worst);
        }

        for (var i = 0; i < axisCount; i++)
        {
            var axisLine = plot.Add.VerticalLine(i);
            axisLine.Color = Colors.Black;
            axisLine.LineWidth = 1;
            var (low, high) = i == 0
                ? (NumberFormat.Value(data.ValueLow), NumberFormat.Value(data.ValueHigh))
                : (data.Axes[i - 1].Label(0), data.Axes[i - 1].Label(1));
            if (i > 0 && data.Axes[i - 1].IsCategorical)
            {
                var categories = data.Axes[i - 1].Categories!;
                for (var c = 0; c < categories.Count; c++)
                {
                    plot.Add.Text(data.Axes[i - 1].Label((c + 0.5) / categories.Count), i, (c + 0.5) / categories.Count).LabelFontSize = 11;
                }

                continue;
            }

            plot.Add.Text(low, i, -0.03).LabelFontSize = 11;
            plot.Add.Text(high, i, 1.06).LabelFontSize = 11;
        }

        plot.Axes.Bottom.SetTicks(xs, [data.Metric, .. data.Axes.Select(a => a.Name)]);
        plot.Axes.Left.SetTicks([], []);
        plot.Axes.SetLimits(-0.3, axisCount - 0.7, -0.1, 1.12);
        plot.HideGrid();
        return plot;
    }
}
