using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>The first two objectives of every trial in grey, the Pareto front highlighted and joined in order.</summary>
public static class ParetoFrontPlot
{
    public static Plot Create(ParetoFrontData data)
    {
        var plot = new Plot();
        var others = data.Points.Where(p => !p.OnFront).ToList();
        if (others.Count > 0)
        {
            var all = plot.Add.ScatterPoints(others.Select(p => p.X).ToArray(), others.Select(p => p.Y).ToArray());
            all.Color = Colors.Gray.WithAlpha(0.6);
            all.MarkerSize = 5;
            all.LegendText = "trials";
        }

        var front = data.Points.Where(p => p.OnFront).OrderBy(p => p.X).ToList();
        var line = plot.Add.Scatter(front.Select(p => p.X).ToArray(), front.Select(p => p.Y).ToArray());
        line.Color = Colors.OrangeRed;
        line.MarkerSize = 8;
        // With two objectives the front, ordered by the first, is monotone in the second; beyond two a line would zigzag.
        line.LineWidth = data.Objectives.Count == 2 ? 1.5f : 0;
        line.LegendText = $"Pareto front ({front.Count})";
        plot.XLabel(data.Objectives[0]);
        plot.YLabel(data.Objectives[1]);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
