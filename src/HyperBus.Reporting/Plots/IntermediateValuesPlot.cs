using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Each trial's reports as a line; pruned trials in red, ending with a cross where they were stopped.</summary>
public static class IntermediateValuesPlot
{
    public static Plot Create(IReadOnlyList<IntermediateSeries> series, string metric)
    {
        var plot = new Plot();
        bool prunedLabelled = false, completedLabelled = false;
        foreach (var s in series)
        {
            var xs = s.Steps.Select(x => (double)x).ToArray();
            var line = plot.Add.Scatter(xs, s.Values.ToArray());
            line.MarkerSize = 3;
            line.LineWidth = 1.5f;
            if (s.IsPruned)
            {
                line.Color = Colors.Crimson.WithAlpha(0.7);
                var end = plot.Add.Marker(xs[^1], s.Values[^1], MarkerShape.Eks, 10);
                end.Color = Colors.Crimson;
                line.LegendText = prunedLabelled ? string.Empty : "pruned";
                prunedLabelled = true;
            }
            else
            {
                line.Color = (s.State == TrialState.Completed ? Colors.SteelBlue : Colors.Gray).WithAlpha(0.7);
                line.LegendText = completedLabelled || s.State != TrialState.Completed ? string.Empty : "completed";
                completedLabelled |= s.State == TrialState.Completed;
            }
        }

        plot.XLabel("step");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(metric);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
