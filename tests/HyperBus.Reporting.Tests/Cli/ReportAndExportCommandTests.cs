using System.Text.Json;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Cli;

/// <summary>Tunes a real study with the command, then reports and exports it as a user would.</summary>
public sealed class ReportAndExportCommandTests(TunedStudyFixture study) : IClassFixture<TunedStudyFixture>
{
    private readonly DirectoryInfo _dir = study.Folder;

    private string Storage => study.Storage;

    [Fact]
    public async Task Report_writes_png_and_svg_plots_and_a_self_contained_report()
    {
        var output = Path.Combine(_dir.FullName, "out");

        var run = await Hyperbus.RunAsync($"report branin-report --storage \"{Storage}\" --out \"{output}\"");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(Path.Combine(output, "report.html"), run.Stdout.Trim());
        // The contour pairs the two most important parameters, most important first.
        var contour = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(output, "contour-*.png")));
        Assert.True(contour is "contour-x0-x1" or "contour-x1-x0", contour);
        foreach (var name in new[] { "history", "parallel-coordinates", "importance", contour, "slice-x0", "slice-x1" })
        {
            Assert.True(new FileInfo(Path.Combine(output, name + ".png")).Length > 5000, name);
            Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(output, name + ".svg")), StringComparison.Ordinal);
        }

        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        SelfContainedHtml.Assert(html);
        Assert.Contains("<h1>branin-report</h1>", html, StringComparison.Ordinal);
        var table = html[html.IndexOf("<table id=\"trials\"", StringComparison.Ordinal)..];
        Assert.Equal(20, table.Split("<td>completed</td>").Length - 1);
        Assert.Contains("<tr><th>state</th><td>completed</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_gives_every_trial_as_csv_or_json_and_finds_the_store_through_HYPERBUS_STORAGE()
    {
        var environment = new Dictionary<string, string> { ["HYPERBUS_STORAGE"] = Storage };
        var csv = await Hyperbus.RunAsync("export branin-report --format csv", environment);
        var file = Path.Combine(_dir.FullName, "trials.json");
        var json = await Hyperbus.RunAsync($"export branin-report --format json --out \"{file}\"", environment);

        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var lines = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(21, lines.Length);
        Assert.StartsWith("number,id,state,value,attempts,started_at,finished_at,duration_seconds,budget,param.x0,param.x1,", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",completed,", l, StringComparison.Ordinal));
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var trials = document.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(20, trials.Count);
        Assert.All(trials, t =>
        {
            var (x0, x1) = (t.GetProperty("params").GetProperty("x0").GetDouble(), t.GetProperty("params").GetProperty("x1").GetDouble());
            Assert.Equal(Branin(x0, x1), t.GetProperty("value").GetDouble(), 9);
            Assert.Equal(1, t.GetProperty("attempts").GetArrayLength());
            // Quick function trials never announce a start; their duration is the trainer's own measure.
            Assert.True(t.GetProperty("durationSeconds").GetDouble() >= 0);
        });
    }

    [Theory]
    [InlineData("export branin-report", "--format: is required: csv or json")]
    [InlineData("export branin-report --format xml", "--format: must be csv or json, not 'xml'")]
    [InlineData("export nothing-here --format csv", "study: no study named 'nothing-here'")]
    [InlineData("report nothing-here", "study: no study named 'nothing-here'")]
    [InlineData("tune examples/wine-lightgbm.yaml --dashboard ftp://127.0.0.1:1", "--dashboard: must be an http:// URL")]
    [InlineData("host --transport rabbitmq --rabbitmq amqp://127.0.0.1:1/ --dashboard http://127.0.0.1:8050/x", "--dashboard: must be just scheme, host and port")]
    public async Task Bad_input_exits_2_naming_the_field(string arguments, string message)
    {
        var run = await Hyperbus.RunAsync($"{arguments} --storage \"{Storage}\"");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_store_is_named()
    {
        var run = await Hyperbus.RunAsync($"report branin-report --storage \"{Path.Combine(_dir.FullName, "none.db")}\"");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--storage: no study store at", run.Stderr, StringComparison.Ordinal);
    }

    private static double Branin(double x0, double x1)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        var u = x1 - (b * x0 * x0) + (c * x0) - 6;
        return (u * u) + (10 * (1 - t) * Math.Cos(x0)) + 10;
    }
}
