using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>
/// One vertical axis per parameter after the objective's, each labelled at several ticks in its own values
/// (round values on a log axis); each trial a line coloured by its rank, best darkest and drawn last, with a
/// colour bar for the rank.
/// </summary>
public static class ParallelCoordinatePlot
{
    private static readonly double[] ObjectiveShares = [0, 0.25, 0.5, 0.75, 1];

    public static Plot Create(ParallelCoordinates data)
    {
        var plot = new Plot();
        var axisCount = data.Axes.Count + 1;
        var xs = Enumerable.Range(0, axisCount).Select(i => (double)i).ToArray();
        var worst = data.Lines.Count == 0 ? 1 : Math.Max(1, data.Lines.Max(l => l.Rank) + 1);
        var colors = new ColorScale(new ScottPlot.Colormaps.Viridis(), 1, worst);
        foreach (var line in data.Lines.OrderByDescending(l => l.Rank))
        {
            var scatter = plot.Add.Scatter(xs, line.Positions.ToArray());
            scatter.MarkerSize = 0;
            scatter.LineWidth = 1.2f;
            scatter.Color = colors.ColorOf(line.Rank + 1);
        }

        for (var i = 0; i < axisCount; i++)
        {
            var axisLine = plot.Add.VerticalLine(i);
            axisLine.Color = Colors.Black;
            axisLine.LineWidth = 1;
            foreach (var (position, label) in Ticks(data, i))
            {
                var text = plot.Add.Text(label, i, position);
                text.LabelFontSize = 10;
                text.LabelAlignment = Alignment.MiddleRight;
                text.LabelOffsetX = -3;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
            }
        }

        colors.AddBar(plot, $"rank by {data.Metric} (1 = best)");
        // Names alternate between two rows, so long ones (minimumExampleCountPerLeaf) do not run into each other.
        plot.Axes.Bottom.SetTicks(xs, [data.Metric, .. data.Axes.Select((a, i) => (i % 2 == 0 ? "\n" : string.Empty) + a.Name + (a.Log ? " (log)" : string.Empty))]);
        plot.Axes.Left.SetTicks([], []);
        plot.Axes.SetLimits(-0.45, axisCount - 0.8, -0.05, 1.05);
        plot.HideGrid();
        return plot;
    }

    /// <summary>The positions in [0, 1] and labels of one axis' ticks: the objective's quarters, a parameter's own ticks.</summary>
    public static IReadOnlyList<(double Position, string Label)> Ticks(ParallelCoordinates data, int axis)
    {
        if (axis == 0)
        {
            return data.ValueHigh > data.ValueLow
                ? [.. ObjectiveShares.Select(s => (s, NumberFormat.Value(data.ValueLow + (s * (data.ValueHigh - data.ValueLow)))))]
                : [(0.5, NumberFormat.Value(data.ValueLow))];
        }

        var parameter = data.Axes[axis - 1];
        if (parameter.IsCategorical)
        {
            var count = parameter.Categories!.Count;
            return [.. Enumerable.Range(0, count).Select(c => ((c + 0.5) / count, parameter.Label((c + 0.5) / count)))];
        }

        return parameter.High > parameter.Low
            ? [.. AxisTicks.Shares(parameter).Select(s => (s, parameter.Label(s)))]
            : [(0.5, parameter.Label(0))];
    }
}
