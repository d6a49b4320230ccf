using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Best and mean value per generation, and the best over all generations so far.</summary>
public static class GenerationPlot
{
    public static Plot Create(IReadOnlyList<GenerationSummary> generations, string metric, StudyDirection direction)
    {
        var plot = new Plot();
        var xs = generations.Select(g => (double)g.Generation).ToArray();
        var mean = plot.Add.Scatter(xs, generations.Select(g => g.Mean).ToArray());
        mean.LegendText = "generation mean";
        mean.Color = Colors.Gray;
        var best = plot.Add.Scatter(xs, generations.Select(g => g.Best).ToArray());
        best.LegendText = "generation best";
        best.Color = Colors.SteelBlue;
        var soFar = plot.Add.Scatter(xs, generations.Select(g => g.BestSoFar).ToArray());
        soFar.LegendText = "best so far";
        soFar.Color = Colors.OrangeRed;
        soFar.ConnectStyle = ConnectStyle.StepHorizontal;
        soFar.MarkerSize = 0;
        plot.XLabel("generation");
        plot.YLabel(metric);
        plot.ShowLegend(direction == StudyDirection.Maximize ? Alignment.LowerRight : Alignment.UpperRight);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
