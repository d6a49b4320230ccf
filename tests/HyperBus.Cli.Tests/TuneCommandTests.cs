using System.Text.Json;

namespace HyperBus.Cli.Tests;

public sealed class TuneCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-");

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task Tune_runs_the_readme_study_and_prints_one_json_object()
    {
        var run = await CliProcess.RunAsync($"tune examples/wine-lightgbm.yaml --trials 8 --json --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout); // stdout is exactly one JSON object
        var root = json.RootElement;
        Assert.Equal("wine-lightgbm", root.GetProperty("study").GetString());
        Assert.Equal("maximize", root.GetProperty("direction").GetString());
        Assert.Equal(8, root.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.Equal(0, root.GetProperty("trials").GetProperty("failed").GetInt32());
        Assert.InRange(root.GetProperty("bestValue").GetDouble(), 0.9, 1.0);
        Assert.True(root.GetProperty("bestParams").TryGetProperty("learningRate", out _));
        Assert.True(root.GetProperty("durationSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task A_grid_study_runs_the_product_of_its_values_once_each()
    {
        var run = await CliProcess.RunAsync($"tune examples/iris-fasttree-grid.yaml --json --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(18, json.RootElement.GetProperty("trials").GetProperty("completed").GetInt32());
        var status = await CliProcess.RunAsync($"status iris-fasttree-grid --json --storage \"{Storage}\"");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var row = JsonDocument.Parse(status.Stdout);
        Assert.Equal("completed", row.RootElement.GetProperty("state").GetString());
        Assert.Equal(18, row.RootElement.GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task Without_json_it_shows_the_best_trial_as_a_table()
    {
        var run = await CliProcess.RunAsync($"tune examples/iris-fasttree-grid.yaml --trials 3 --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("best trial", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("numberOfLeaves", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 completed", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
