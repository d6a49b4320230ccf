using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Importance;
using HyperBus.Reporting.Plots;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Output;

/// <summary>
/// report.html read as a user reads it (issue 19, item 7): axes labelled at several ticks, colour legends,
/// log axes for a define-by-run study's log parameters, objectives named as the spec names them.
/// </summary>
public sealed class ReportLegibilityTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-legible-");

    [Fact]
    public void Parallel_coordinate_axes_are_labelled_at_several_ticks_and_carry_a_rank_colour_bar()
    {
        var study = RichStudy.Create().Build();
        var data = ParallelCoordinates.Compute(study);

        var objective = ParallelCoordinatePlot.Ticks(data, 0);
        var lr = ParallelCoordinatePlot.Ticks(data, 1 + data.Axes.ToList().FindIndex(a => a.Name == "lr"));
        var depth = ParallelCoordinatePlot.Ticks(data, 1 + data.Axes.ToList().FindIndex(a => a.Name == "depth"));
        var kernel = ParallelCoordinatePlot.Ticks(data, 1 + data.Axes.ToList().FindIndex(a => a.Name == "kernel"));

        Assert.Equal(5, objective.Count);
        Assert.Equal(NumberFormat.Value(data.ValueLow), objective[0].Label);
        Assert.Equal(NumberFormat.Value(data.ValueHigh), objective[^1].Label);
        Assert.True(lr.Count >= 3, string.Join(", ", lr));
        Assert.All(lr, t => Assert.Matches("^(0\\.00[13]|0\\.0[13]|0\\.[13]|1)$", t.Label)); // a log axis at round values
        Assert.Equal(5, depth.Count);
        Assert.All(depth, t => Assert.Matches("^[0-9]+$", t.Label)); // an int parameter is ticked at whole numbers
        Assert.Equal(["linear", "rbf"], kernel.Select(t => t.Label));

        var svg = StudyPlots.Render(study, []).Single(p => p.Name == "parallel-coordinates").Svg;
        Assert.Contains("rank by accuracy (1 = best)", svg, StringComparison.Ordinal);
        var texts = Regex.Matches(svg, "<text[^>]*>\\s*([^<]*?)\\s*</text>").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(lr.Concat(depth).Concat(objective), t => Assert.Contains(t.Label, texts));
    }

    [Fact]
    public void A_slice_plot_has_a_colour_bar_of_trial_numbers()
    {
        var study = RichStudy.Create().Build();

        var svg = StudyPlots.Render(study, []).Single(p => p.Name == "slice-lr").Svg;

        Assert.Contains("trial number", svg, StringComparison.Ordinal);
        Assert.Contains("lr (log scale)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_parameters_of_a_define_by_run_study_are_drawn_on_log_axes()
    {
        using var temp = new TempStore();
        using (var library = await Study.CreateAsync("define-by-run", StudyDirection.Maximize, new StudyOptions { Store = temp.Store, Sampler = "random", Seed = 3 }))
        {
            await library.OptimizeAsync(trial =>
            {
                var c = trial.SuggestFloat("C", 1e-3, 1e3, log: true);
                var units = trial.SuggestInt("units", 8, 512, log: true);
                var kernel = trial.SuggestCategorical("kernel", ["rbf", "linear"]);
                return Task.FromResult(-Math.Abs(Math.Log10(c)) - (0.001 * units) + (kernel == "rbf" ? 0.5 : 0));
            }, trials: 12);
        }

        var record = (await temp.Store.FindStudyAsync("define-by-run"))!;
        var study = await StudySnapshot.LoadAsync(temp.Store, record);

        Assert.True(((NumericParameter)study.Space!.Find("C")!).Log);
        Assert.True(SliceSeries.Compute(study, "C").Axis.Log);
        Assert.True(SliceSeries.Compute(study, "units").Axis.Log);
        Assert.False(SliceSeries.Compute(study, "kernel").Axis.Log);
        var plots = StudyPlots.Render(study, ImportanceAnalysis.Compute(study));
        Assert.Contains("C (log scale)", plots.Single(p => p.Name == "slice-C").Svg, StringComparison.Ordinal);
        Assert.Contains("units (log)", plots.Single(p => p.Name == "parallel-coordinates").Svg, StringComparison.Ordinal);
        var c = SliceSeries.Compute(study, "C").Axis;
        Assert.All(AxisTicks.Shares(c).Select(c.Label), label => Assert.Matches("^(0\\.001|0\\.01|0\\.1|1|10|100|1000)$", label));
    }

    [Fact]
    public async Task Multi_objective_columns_and_importances_use_the_objective_names_the_spec_gives()
    {
        var named = new StudyBuilder(directions: [StudyDirection.Maximize, StudyDirection.Minimize], metric: "accuracy");
        var spec = JsonNode.Parse(named.Record.SpecJson)!.AsObject();
        spec["metrics"] = new JsonArray("accuracy", "latency");
        named.WithSpec(spec.ToJsonString());
        var random = new Random(5);
        for (var i = 0; i < 12; i++)
        {
            var x = random.NextDouble();
            named.AddObjectives([x, (x * x) + (0.3 * random.NextDouble())], new { x });
        }

        var study = named.Build();
        await ReportWriter.WriteAsync(study, _dir.FullName);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "report.html"));

        Assert.Equal(["accuracy", "latency"], study.ObjectiveNames);
        Assert.Contains("<th>latency (minimize)</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("objective 2", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Parameter importances for accuracy (the first of 2 objectives)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("maximize accuracy, minimize latency", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "alt=\"Parameter importances for accuracy \\(the first of 2 objectives\\)\""));
    }

    [Theory]
    [InlineData("directions: [maximize, minimize]\nmetrics: [accuracy, latency]\n", null, "accuracy")]
    [InlineData("directions: [maximize, minimize]\nmetric: accuracy\nmetrics: [accuracy, latency]\n", null, "accuracy")]
    [InlineData("directions: [maximize, minimize]\nmetrics: [accuracy]\n", "metrics: must give one name per direction (2), not 1", null)]
    [InlineData("directions: [maximize, minimize]\nmetrics: [a, a]\n", "metrics[1]: must be a name not given before", null)]
    [InlineData("directions: [maximize, minimize]\nmetric: loss\nmetrics: [accuracy, latency]\n", "metrics[0]: must be the study's metric 'loss'", null)]
    [InlineData("direction: maximize\nmetrics: [accuracy, latency]\n", "metrics: names the objectives of a study with several 'directions'", null)]
    public void The_spec_names_objectives_with_metrics_and_a_wrong_list_is_refused_naming_the_field(string head, string? error, string? metric)
    {
        var text = head + "study: mo\ntrials: 4\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }\n";
        var catalogs = HyperBus.Cli.Running.Catalogs.For(null);

        if (error is null)
        {
            Assert.Equal(metric, StudySpecParser.Parse(text, catalogs).Metric);
        }
        else
        {
            var thrown = Assert.Throws<SpecException>(() => StudySpecParser.Parse(text, catalogs));
            Assert.Contains(thrown.Errors, e => $"{e.Path}: {e.Problem}".StartsWith(error, StringComparison.Ordinal));
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
