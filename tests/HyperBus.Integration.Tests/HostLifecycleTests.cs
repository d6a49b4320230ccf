using System.Diagnostics;
using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

[Collection(RabbitCollection.Name)]
public sealed class HostLifecycleTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-life-");

    [Fact]
    public async Task The_host_stops_gracefully_on_SIGTERM()
    {
        var broker = await rabbit.CreateVhostAsync("term");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Path.Combine(_dir.FullName, "h.db")}\" --verbose");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));

        using (var kill = Process.Start("kill", $"-TERM {host.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Bus stopped", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_over_rabbitmq_runs_host_and_study_in_one_process_with_remote_python_workers()
    {
        var broker = await rabbit.CreateVhostAsync("tune");
        await using var worker = ChildProcess.PythonWorker("worker-py", $"--rabbitmq {broker} --trainer sklearn-svc --concurrency 2");
        await worker.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));

        await using var tune = ChildProcess.Hyperbus("tune",
            $"tune examples/iris-svc-random.yaml --trials 10 --transport rabbitmq --rabbitmq {broker} --storage \"{Path.Combine(_dir.FullName, "t.db")}\" --json");
        var code = await tune.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(code == 0, tune.Output);
        using var json = JsonDocument.Parse(tune.Output.Split('\n').Single(l => l.StartsWith('{')));
        Assert.Equal(10, json.RootElement.GetProperty("trials").GetProperty("completed").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("bestValue").GetDouble(), 0.9, 1.0);
    }

    [Fact]
    public async Task Tune_over_rabbitmq_beside_a_running_host_uses_a_queue_of_its_own_and_both_studies_complete()
    {
        var broker = await rabbit.CreateVhostAsync("beside");
        var hostStore = Path.Combine(_dir.FullName, "host.db");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{hostStore}\"");
        await host.WaitForOutputAsync("serving studies", TimeSpan.FromSeconds(60));
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await worker.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        var spec = StudyRun.WriteSpec(_dir.FullName, "beside.yaml", """
            study: beside
            trials: 40
            parallelism: 4
            sampler: { type: random, seed: 5 }
            trainer: noop
            fixed: { seconds: 0.05 }
            space: { x: { type: float, low: 0, high: 1 } }
            """);
        var hosted = await StudyRun.SubmitAsync(broker, spec);

        // Before the fix the tune competed with the host for hyperbus-host and hung at 97/100.
        await using var tune = ChildProcess.Hyperbus("tune", $"tune \"{spec}\" --transport rabbitmq --rabbitmq {broker} --storage \"{Path.Combine(_dir.FullName, "t.db")}\" --json");
        var code = await tune.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(code == 0, tune.Output);
        using var json = JsonDocument.Parse(tune.Output.Split('\n').Single(l => l.StartsWith('{')));
        Assert.Equal(40, json.RootElement.GetProperty("trials").GetProperty("completed").GetInt32());
        var tuned = Guid.Parse(json.RootElement.GetProperty("studyId").GetString()!);
        using var watch = new StoreWatch(hostStore);
        Assert.Equal(StudyStatus.Completed, (await watch.WaitForEndAsync(hosted, TimeSpan.FromMinutes(2))).Status);
        Assert.Equal(40, (await watch.Store.LoadTrialsAsync(hosted)).Count(t => t.State == TrialState.Completed));
        Assert.Null(await watch.Store.GetStudyAsync(tuned)); // the tune's study stayed in the tune's store
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_clear_error_within_seconds_without_the_password()
    {
        var clock = Stopwatch.StartNew();
        await using var submit = ChildProcess.Hyperbus("submit", "submit examples/iris-svc-grid.yaml --transport rabbitmq --rabbitmq amqp://alice:s3cret-pw@127.0.0.1:1/");
        var code = await submit.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("cannot reach RabbitMQ at amqp://alice:***@127.0.0.1:1/", submit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", submit.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
