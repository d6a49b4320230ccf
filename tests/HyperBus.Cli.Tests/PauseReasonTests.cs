using System.Text.Json;
using System.Text.RegularExpressions;
using HyperBus.Cli.Output;
using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Storage;
using Spectre.Console;

namespace HyperBus.Cli.Tests;

/// <summary>
/// A study its trainer pool paused says why in <c>hyperbus status</c> (table and JSON) and in the progress bar, as
/// "paused: trainer KIND failing: ERROR", not as something the trials wait for.
/// </summary>
public sealed class PauseReasonTests : IDisposable
{
    private const string Reason = "paused: trainer sklearn-svc failing: CUDA error: device unavailable";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-paused-");

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task Status_shows_the_reason_of_a_study_its_trainer_pool_paused()
    {
        var id = Guid.NewGuid();
        using (var store = new SqliteStudyStore(Storage))
        {
            await store.CreateStudyAsync(new StudyRecord(id, "paused-study", """{"study": "paused-study", "trainer": "sklearn-svc", "space": {}}""", Core.Trials.StudyDirection.Minimize,
                StudyStatus.Running, DateTimeOffset.UnixEpoch, null));
            // Stored as the host pauses a study: the status and, with the saga's state, the reason.
            var commit = new StudyCommit { Saga = new StudySaga(id, "Paused", 0, Reason) };
            commit.Write(w => w.SetStudyStatus(id, StudyStatus.Paused, null));
            await store.CommitAsync(commit);
        }

        var table = await CliProcess.RunAsync($"status --storage \"{Storage}\"");
        var json = await CliProcess.RunAsync($"status paused-study --json --storage \"{Storage}\"");

        Assert.True(table.ExitCode == 0, table.ToString());
        // The console wraps long lines at its width; the words are what counts.
        Assert.True(Regex.Replace(table.Stdout, @"\s+", " ").Contains($"paused-study: {Reason}", StringComparison.Ordinal), table.ToString());
        using var row = JsonDocument.Parse(json.Stdout);
        Assert.Equal(("paused", Reason), (row.RootElement.GetProperty("state").GetString(), row.RootElement.GetProperty("pauseReason").GetString()));
    }

    [Fact]
    public async Task The_progress_bar_shows_the_pause_reason_as_it_is_and_a_worker_warning_as_waiting()
    {
        var paused = await RenderAsync(Reason);
        var waiting = await RenderAsync("no worker consumes hyperbus.trainer.sklearn-svc for 10 s");

        Assert.Contains(Reason, paused, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting: paused", paused, StringComparison.Ordinal);
        Assert.Contains("waiting: no worker consumes hyperbus.trainer.sklearn-svc for 10 s", waiting, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private static async Task<string> RenderAsync(string warning)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        await new ProgressView(console, "paused-study", "loss").ShowAsync(8, report =>
        {
            report(new StudyProgressed(Guid.NewGuid(), 8, 3, 0, 0, 4, 0.25, null) { Warning = warning });
            return Task.FromResult(0);
        });
        return output.ToString();
    }
}
