using HyperBus.Reporting.Importance;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Horizontal bars, the most important parameter on top, each labelled with its share.</summary>
public static class ImportancePlot
{
    public static Plot Create(IReadOnlyList<ParameterImportance> importances)
    {
        var plot = new Plot();
        var ordered = importances.Reverse().ToList();
        var bars = ordered.Select((p, i) => new Bar
        {
            Position = i,
            Value = p.Importance,
            FillColor = Colors.SteelBlue,
            Label = p.Importance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered.Select(p => p.Parameter).ToArray());
        plot.Axes.SetLimitsX(0, 1.1);
        plot.XLabel("importance (fANOVA share of variance)");
        return plot;
    }
}
