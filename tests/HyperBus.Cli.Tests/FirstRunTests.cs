using System.Text.Json;

namespace HyperBus.Cli.Tests;

/// <summary>The rough edges a new user hit on a first run (issue 19), each checked through the real command.</summary>
public sealed class FirstRunTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-firstrun-");

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task Every_exported_trial_has_a_start_time_and_its_duration_matches_finish_minus_start()
    {
        var spec = await WriteSpecAsync("quick", "trials: 8\nparallelism: 2\nsampler: { type: random, seed: 1 }\n");
        var run = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");
        Assert.True(run.ExitCode == 0, run.ToString());

        var export = await CliProcess.RunAsync($"export quick --format json --storage \"{Storage}\"");
        Assert.True(export.ExitCode == 0, export.ToString());
        using var json = JsonDocument.Parse(export.Stdout);
        var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(8, trials.Count);
        foreach (var trial in trials)
        {
            var started = trial.GetProperty("startedAt").GetDateTimeOffset();
            var finished = trial.GetProperty("finishedAt").GetDateTimeOffset();
            var duration = trial.GetProperty("durationSeconds").GetDouble();
            Assert.InRange((finished - started).TotalSeconds - duration, -0.001, 0.05);
        }
    }

    [Fact]
    public async Task Tiny_best_values_print_with_significant_digits_not_as_zero()
    {
        // Rosenbrock at (1 + 1e-4, 1 + 2e-4) is about 1e-08.
        var spec = await WriteSpecAsync("tiny", "trials: 1\nsampler: { type: random, seed: 1 }\nenqueue: [{ x0: 1.0001, x1: 1.0002 }]\n");
        var run = await CliProcess.RunAsync($"tune \"{spec}\" --storage \"{Storage}\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        var best = JsonDocument.Parse((await CliProcess.RunAsync($"status tiny --json --storage \"{Storage}\"")).Stdout).RootElement.GetProperty("bestValue").GetDouble();
        Assert.InRange(best, 1e-9, 1e-7);

        var printed = best.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(printed, run.Stdout, StringComparison.Ordinal);
        var status = await CliProcess.RunAsync($"status --storage \"{Storage}\"");
        Assert.Contains(printed, status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grid_studys_progress_counts_to_the_grid_size()
    {
        var run = await CliProcess.RunAsync($"tune examples/iris-fasttree-grid.yaml --storage \"{Storage}\"");

        // Redirected, the bar renders once, at the start: the grid's size must be known before any trial ends.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0/18 trials", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("1000000", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_says_where_the_study_went_and_its_report_command_works_as_printed()
    {
        var spec = await WriteSpecAsync("next", "trials: 4\nsampler: { type: random, seed: 1 }\n");
        var run = await CliProcess.RunAsync($"tune \"{spec}\" --storage \"{Storage}\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"stored in {Storage}", run.Stdout, StringComparison.Ordinal);

        var report = run.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("hyperbus report ", StringComparison.Ordinal));
        var outDir = Path.Combine(_dir.FullName, "report");
        var reported = await CliProcess.RunAsync(report["hyperbus ".Length..].Replace("--out report/", $"--out \"{outDir}\"", StringComparison.Ordinal));
        Assert.True(reported.ExitCode == 0, reported.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public async Task The_outcome_is_lowercase_in_tune_json_as_in_status_json()
    {
        var spec = await WriteSpecAsync("casing", "trials: 2\nsampler: { type: random, seed: 1 }\n");
        var run = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        var status = await CliProcess.RunAsync($"status casing --json --storage \"{Storage}\"");

        Assert.Equal("completed", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("outcome").GetString());
        Assert.Equal("completed", JsonDocument.Parse(status.Stdout).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_verify_example_keeps_models_verifies_without_flagging_honest_trials_and_predicts()
    {
        var run = await CliProcess.RunAsync($"tune examples/wine-lightgbm-verify.yaml --trials 4 --json --storage \"{Storage}\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("trials").GetProperty("completed").GetInt32());

        var export = await CliProcess.RunAsync($"export wine-lightgbm-verify --format json --storage \"{Storage}\"");
        foreach (var trial in JsonDocument.Parse(export.Stdout).RootElement.GetProperty("trials").EnumerateArray())
        {
            var attributes = trial.GetProperty("attributes");
            Assert.Equal("35", attributes.GetProperty("verify.rows").GetString());
            Assert.Equal("false", attributes.GetProperty("verify.flagged").GetString());
        }

        var rows = Path.Combine(_dir.FullName, "rows.csv");
        await File.WriteAllLinesAsync(rows, File.ReadLines(Path.Combine(CliProcess.RepoRoot, "plugins/HyperBus.Trainers.MLNet/Datasets/wine.csv")).Take(6));
        var predict = await CliProcess.RunAsync($"predict wine-lightgbm-verify --input \"{rows}\" --storage \"{Storage}\"");
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.Equal(6, predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 5 predictions
    }

    private async Task<string> WriteSpecAsync(string name, string extra)
    {
        var path = Path.Combine(_dir.FullName, name + ".yaml");
        await File.WriteAllTextAsync(path, $"""
            study: {name}
            direction: minimize
            trainer: function
            fixed: {"{"} function: rosenbrock {"}"}
            space:
              x0: {"{"} type: float, low: -2, high: 2 {"}"}
              x1: {"{"} type: float, low: -2, high: 2 {"}"}

            """ + extra);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
