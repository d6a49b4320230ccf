using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Viridis without its last tenth, whose yellow is hard to see on a white background.</summary>
public sealed class VisibleViridis : IColormap
{
    private readonly ScottPlot.Colormaps.Viridis _viridis = new();

    public string Name => "Viridis (to 0.9)";

    public Color GetColor(double position) => _viridis.GetColor(0.9 * Math.Clamp(position, 0, 1));
}
