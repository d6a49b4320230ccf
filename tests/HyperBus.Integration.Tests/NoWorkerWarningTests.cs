using System.Text.Json;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// A study whose trainer kind no worker serves no longer waits silently: the host logs a warning, the
/// progress bar and <c>status</c> show it, and it clears when a worker of that kind comes.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class NoWorkerWarningTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-noworker-");

    [Fact]
    public async Task A_study_without_a_worker_says_so_in_the_host_log_the_progress_bar_and_status_until_one_comes()
    {
        var broker = await rabbit.CreateVhostAsync("noworker");
        var storage = Path.Combine(_dir.FullName, "host.db");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{storage}\" --verbose");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        var spec = StudyRun.WriteSpec(_dir.FullName, "lonely.yaml", """
            study: lonely
            trials: 4
            parallelism: 2
            sampler: { type: random, seed: 1 }
            trainer: noop
            fixed: { seconds: 2 }
            space: { x: { type: float, low: 0, high: 1 } }
            """);
        // Trials of 2 s keep the study running after the worker comes, so the host sees the consumer arrive.
        await using var submit = ChildProcess.Hyperbus("submit", $"submit {spec} --transport rabbitmq --rabbitmq {broker} --wait");

        await host.WaitForOutputAsync("no worker consumes hyperbus-trainer-noop", TimeSpan.FromSeconds(60));
        await submit.WaitForOutputAsync("waiting: no worker consumes hyperbus-trainer-noop", TimeSpan.FromSeconds(30));
        var waiting = await StatusAsync(storage);
        Assert.Contains("no worker consumes hyperbus-trainer-noop", waiting.GetProperty("warning").GetString(), StringComparison.Ordinal);

        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop");
        Assert.Equal(0, await submit.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        await host.WaitForOutputAsync("a worker consumes hyperbus-trainer-noop now", TimeSpan.FromSeconds(30));
        var done = await StatusAsync(storage);
        Assert.Equal(4, done.GetProperty("completed").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("warning").ValueKind);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<JsonElement> StatusAsync(string storage)
    {
        await using var status = ChildProcess.Hyperbus("status", $"status lonely --storage \"{storage}\" --json");
        Assert.Equal(0, await status.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        return JsonDocument.Parse(status.Output[status.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.Clone();
    }
}
