namespace HyperBus.Reporting.Plots;

/// <summary>A drawn plot: a file-friendly name, its title and the image as PNG and SVG.</summary>
public sealed record RenderedPlot(string Name, string Title, byte[] Png, string Svg);
