using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>
/// A colour axis for plottables that colour each mark themselves (lines by rank, dots by trial number), so a
/// plot can carry a colour bar that says what the colours mean.
/// </summary>
public sealed class ColorScale(IColormap colormap, double low, double high) : IHasColorAxis
{
    public IColormap Colormap { get; } = colormap;

    public ScottPlot.Range GetRange() => new(low, high);

    /// <summary>The colour of <paramref name="value"/> on this scale.</summary>
    public Color ColorOf(double value) => Colormap.GetColor(high > low ? Math.Clamp((value - low) / (high - low), 0, 1) : 0);

    /// <summary>Adds the colour bar with its label on the right of <paramref name="plot"/>.</summary>
    public void AddBar(Plot plot, string label) => plot.Add.ColorBar(this).Label = label;
}
