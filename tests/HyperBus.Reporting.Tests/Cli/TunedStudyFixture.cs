using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Cli;

/// <summary>One real study tuned by the command (Branin, 20 TPE trials on the function trainer), shared by a test class.</summary>
public sealed class TunedStudyFixture : IAsyncLifetime
{
    private const string Spec = """
        study: branin-report
        direction: minimize
        metric: branin
        trials: 20
        parallelism: 2
        sampler: { type: tpe, seed: 1 }
        trainer: function
        fixed: { function: branin }
        space:
          x0: { type: float, low: -5, high: 10 }
          x1: { type: float, low: 0, high: 15 }
        """;

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("hyperbus-report-cli-");

    public string Storage => Path.Combine(Folder.FullName, "studies.db");

    public async Task InitializeAsync()
    {
        var spec = Path.Combine(Folder.FullName, "branin.yaml");
        await File.WriteAllTextAsync(spec, Spec);
        var tune = await Hyperbus.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");
        Assert.True(tune.ExitCode == 0, tune.Stderr);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
