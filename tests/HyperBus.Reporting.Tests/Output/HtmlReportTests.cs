using System.Text.RegularExpressions;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

public sealed class HtmlReportTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-report-");

    [Fact]
    public async Task The_report_is_self_contained_and_shows_summary_best_trial_table_and_plots()
    {
        var study = RichStudy.Create().Build();

        var files = await ReportWriter.WriteAsync(study, _dir.FullName);

        var html = await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "report.html"));
        SelfContainedHtml.Assert(html);
        Assert.Equal(9 * 2 + 1, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 1000, f));
        Assert.Contains("<h1>rich &lt;study&gt;</h1>", html, StringComparison.Ordinal); // names are escaped
        Assert.Equal(9, Regex.Count(html, "<img alt=\"[^\"]+\" src=\"data:image/png;base64,"));
        var best = study.Best!;
        Assert.Contains($"<tr><th>trial</th><td>{best.Number}</td></tr>", html, StringComparison.Ordinal);
        var table = Regex.Match(html, "<table id=\"trials\" class=\"sortable\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(study.Trials.Count, Regex.Count(table, "<tr>") - 1);       // one row per trial after the header
        Assert.Contains("<td>pruned</td>", table, StringComparison.Ordinal);
        Assert.Contains("<td>failed</td>", table, StringComparison.Ordinal);
        Assert.Contains("addEventListener(\"click\"", html, StringComparison.Ordinal); // the sorting script is inline
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
