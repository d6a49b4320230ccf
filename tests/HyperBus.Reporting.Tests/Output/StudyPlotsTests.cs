using HyperBus.Reporting.Importance;
using HyperBus.Reporting.Plots;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

public sealed class StudyPlotsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Every_plot_the_study_has_data_for_is_drawn_as_png_and_svg()
    {
        var study = RichStudy.Create().Build();

        var plots = StudyPlots.Render(study, ImportanceAnalysis.Compute(study));

        Assert.Equal(
            ["history", "parallel-coordinates", "importance", "contour-lr-depth", "slice-lr", "slice-depth", "slice-kernel", "intermediate-values", "generations"],
            plots.Select(p => p.Name));
        Assert.All(plots, p =>
        {
            Assert.Equal(PngSignature, p.Png.Take(8));
            Assert.True(p.Png.Length > 5_000, $"{p.Name}: {p.Png.Length} bytes");
            Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", p.Svg, StringComparison.Ordinal);
            Assert.Contains(p.Title, p.Svg, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_study_without_reports_generations_or_completed_trials_gets_only_what_applies()
    {
        var plain = new StudyBuilder().Add(1, new { x = 0.2 }).Add(2, new { x = 0.6 }).Build();
        Assert.Equal(["history", "parallel-coordinates", "importance", "slice-x"], StudyPlots.Render(plain, ImportanceAnalysis.Compute(plain)).Select(p => p.Name));

        var empty = new StudyBuilder().Add(null, new { x = 0.2 }, Core.Trials.TrialState.Failed).Build();
        Assert.Empty(StudyPlots.Render(empty, ImportanceAnalysis.Compute(empty)));
    }
}
