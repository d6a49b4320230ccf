using HyperBus.Reporting.Html;
using HyperBus.Reporting.Importance;
using HyperBus.Reporting.Plots;

namespace HyperBus.Reporting;

/// <summary>Writes a study's plots (PNG and SVG) and its report.html into a folder.</summary>
public static class ReportWriter
{
    public const string ReportFile = "report.html";

    /// <summary>The files written, report.html last. The importance forest is seeded, so the same study gives the same report.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(StudySnapshot study, string directory, int seed = 0, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var importances = ImportanceAnalysis.Compute(study, seed);
        var plots = StudyPlots.Render(study, importances);
        var files = new List<string>();
        foreach (var plot in plots)
        {
            var png = Path.Combine(directory, plot.Name + ".png");
            var svg = Path.Combine(directory, plot.Name + ".svg");
            await File.WriteAllBytesAsync(png, plot.Png, cancellationToken);
            await File.WriteAllTextAsync(svg, plot.Svg, cancellationToken);
            files.Add(png);
            files.Add(svg);
        }

        var report = Path.Combine(directory, ReportFile);
        await File.WriteAllTextAsync(report, HtmlReport.Build(study, importances, plots), cancellationToken);
        files.Add(report);
        return files;
    }
}
