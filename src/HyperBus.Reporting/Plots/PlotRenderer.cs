using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Draws a ScottPlot plot to PNG and SVG at one size, so the files and the report match.</summary>
public static class PlotRenderer
{
    public const int Width = 800;
    public const int Height = 480;

    public static RenderedPlot Render(string name, string title, Plot plot, int width = Width, int height = Height)
    {
        plot.Title(title);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var svg = plot.GetSvgXml(width, height);
        return new RenderedPlot(name, title, png, svg);
    }
}
