using System.Text.RegularExpressions;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Plots;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

/// <summary>Report fixes of issue 19: log axes ticked at round values, captions that do not repeat the title.</summary>
public sealed class LogAxisTicksTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-ticks-");

    [Theory]
    [InlineData(0.0001, 1.0, "0.0001 0.001 0.01 0.1 1")]
    [InlineData(0.002, 0.5, "0.003 0.01 0.03 0.1 0.3")]
    [InlineData(1.0, 1000.0, "1 10 100 1000")]
    public void A_log_axis_is_ticked_at_decades_or_round_steps(double low, double high, string expected)
    {
        var study = new StudyBuilder(FormattableString.Invariant($"{{\"lr\": {{\"type\": \"float\", \"low\": {low}, \"high\": {high}, \"log\": true}}}}"))
            .Add(1, new { lr = low }).Add(2, new { lr = high }).Build();
        var axis = SliceSeries.Compute(study, "lr").Axis;

        var labels = AxisTicks.Shares(axis).Select(axis.Label);

        Assert.Equal(expected, string.Join(' ', labels));
    }

    [Fact]
    public async Task Each_plot_appears_once_with_its_title_in_the_image_not_repeated_in_a_caption()
    {
        await ReportWriter.WriteAsync(RichStudy.Create().Build(), _dir.FullName);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "report.html"));

        Assert.DoesNotContain("<figcaption>", html, StringComparison.Ordinal);
        Assert.Equal(9, Regex.Count(html, "<figure id=\"plot-"));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
