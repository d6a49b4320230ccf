using System.Diagnostics;
using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Storage;

namespace HyperBus.Cli.Tests;

/// <summary>
/// <c>tune</c> over a durable study: Ctrl-C cancels cleanly and the same command resumes; a finished study is not
/// silently run twice; a study whose every trial failed ends Failed with exit code 1.
/// </summary>
public sealed class DurableTuneTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-durable-");

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task Ctrl_C_cancels_the_study_and_the_same_command_resumes_it_to_exactly_its_trial_count()
    {
        var spec = Spec("interrupted", trials: 20, "fixed: { seconds: 0.3 }");
        using var tune = Start($"tune \"{spec}\" --json --storage \"{Storage}\"");
        var stderr = tune.StandardError.ReadToEndAsync();
        var studyId = await WaitForCompletedAsync("interrupted", atLeast: 4);

        using (var kill = Process.Start("kill", $"-INT {tune.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await tune.WaitForExitAsync(timeout.Token);
        var cancelled = await stderr;
        Assert.True(tune.ExitCode == 130, cancelled);
        Assert.Contains("cancelled study interrupted", cancelled, StringComparison.Ordinal);
        Assert.Contains("to resume it: hyperbus tune", cancelled, StringComparison.Ordinal);
        using (var store = new SqliteStudyStore(Storage))
        {
            Assert.Equal(StudyStatus.Cancelled, (await store.GetStudyAsync(studyId))!.Status);
        }

        var resumed = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resuming study interrupted ({studyId}, cancelled)", resumed.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal(studyId.ToString(), json.RootElement.GetProperty("studyId").GetString());
        Assert.Equal(20, json.RootElement.GetProperty("trials").GetProperty("completed").GetInt32());
        using var after = new SqliteStudyStore(Storage);
        var trials = await after.LoadTrialsAsync(studyId);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Single(await after.ListStudiesAsync());
    }

    [Fact]
    public async Task A_finished_study_is_refused_unless_new_is_asked_for_and_status_lists_every_study_of_the_name()
    {
        var spec = Spec("twice", trials: 3);
        Assert.Equal(0, (await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"")).ExitCode);

        var again = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("already completed", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("--new", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", again.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await CliProcess.RunAsync($"tune \"{spec}\" --new --json --storage \"{Storage}\"")).ExitCode);
        var status = await CliProcess.RunAsync($"status twice --json --storage \"{Storage}\"");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var rows = JsonDocument.Parse(status.Stdout);
        Assert.Equal(2, rows.RootElement.GetArrayLength());
        Assert.All(rows.RootElement.EnumerateArray(), r => Assert.Equal(3, r.GetProperty("completed").GetInt32()));
    }

    [Fact]
    public async Task A_study_whose_every_trial_fails_ends_failed_and_tune_exits_1()
    {
        var spec = Spec("broken", trials: 3, "maxAttempts: 2\nfixed: { x: not-a-number }");

        var run = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Failed", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("trials").GetProperty("failed").GetInt32());
        using var store = new SqliteStudyStore(Storage);
        Assert.Equal(StudyStatus.Failed, (await store.ListStudiesAsync()).Single().Status);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private string Spec(string name, int trials, string extra = "")
    {
        var path = Path.Combine(_dir.FullName, $"{name}.yaml");
        File.WriteAllText(path, $"""
            study: {name}
            trials: {trials}
            parallelism: 2
            sampler: {"{"} type: random, seed: 3 {"}"}
            trainer: noop
            space: {"{"} y: {"{"} type: float, low: 0, high: 1 {"}"} {"}"}
            {extra}
            """);
        return path;
    }

    private static Process Start(string arguments) => Process.Start(new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "hyperbus.dll")}\" {arguments}")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = CliProcess.RepoRoot,
        UseShellExecute = false,
    })!;

    private async Task<Guid> WaitForCompletedAsync(string name, int atLeast)
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(Storage))
            {
                using var store = new SqliteStudyStore(Storage);
                if ((await store.ListStudiesAsync()).FirstOrDefault(s => s.Name == name) is { } study &&
                    (await store.LoadTrialsAsync(study.Id)).Count(t => t.State == TrialState.Completed) >= atLeast)
                {
                    return study.Id;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} never had {atLeast} completed trials");
    }
}
