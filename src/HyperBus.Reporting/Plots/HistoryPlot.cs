using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Each trial's value as a dot and the best so far as a step line.</summary>
public static class HistoryPlot
{
    public static Plot Create(IReadOnlyList<HistoryPoint> points, string metric, StudyDirection direction)
    {
        var plot = new Plot();
        var xs = points.Select(p => (double)p.Number).ToArray();
        var values = plot.Add.ScatterPoints(xs, points.Select(p => p.Value).ToArray());
        values.MarkerSize = 6;
        values.LegendText = metric;
        var best = plot.Add.Scatter(xs, points.Select(p => p.BestSoFar).ToArray());
        best.ConnectStyle = ConnectStyle.StepHorizontal;
        best.MarkerSize = 0;
        best.LineWidth = 2;
        best.Color = Colors.OrangeRed;
        best.LegendText = "best so far";
        plot.XLabel("trial");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(metric);
        // The legend goes where the best values are not: they climb when maximising and fall when minimising.
        plot.ShowLegend(direction == StudyDirection.Maximize ? Alignment.LowerRight : Alignment.UpperRight);
        return plot;
    }
}
