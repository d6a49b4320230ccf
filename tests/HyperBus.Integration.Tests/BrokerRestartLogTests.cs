using HyperBus.Core.Storage;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// Issue 18: a broker restart is one warning line per reconnect in the logs of <c>hyperbus host</c> and
/// <c>hyperbus worker</c> run without <c>--verbose</c>, never a stack trace, and the study completes.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class BrokerRestartLogTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-restartlog-");

    [Fact]
    public async Task A_broker_restart_is_a_few_warning_lines_without_a_trace_and_the_study_completes()
    {
        var broker = await rabbit.CreateVhostAsync("restartlog");
        var storage = Path.Combine(_dir.FullName, "host.db");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{storage}\"");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 2");
        await host.WaitForOutputAsync("serving studies from", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("noop x2 on", TimeSpan.FromSeconds(60));
        var studyId = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "s.yaml", """
            study: restartlog
            trials: 40
            parallelism: 2
            sampler: { type: random, seed: 1 }
            trainer: noop
            fixed: { seconds: 0.25 }
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(storage);
        await watch.WaitForTrialsAsync(studyId, t => t.Count(x => x.IsFinished) >= 4, TimeSpan.FromSeconds(60), "4 trials before the restart");
        var before = (Host: Lines(host).Count, Worker: Lines(worker).Count);

        await rabbit.Ctl("stop_app");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await rabbit.Ctl("start_app");
        await rabbit.Ctl("await_startup");
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(3));

        Assert.Equal(StudyStatus.Completed, study.Status);
        foreach (var (process, skip) in new[] { (host, before.Host), (worker, before.Worker) })
        {
            var output = process.Output;
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
            var outage = Lines(process).Skip(skip).Where(l => l.Contains("RabbitMQ", StringComparison.Ordinal) || l.Contains("rabbitmq://", StringComparison.Ordinal)).ToList();
            Assert.All(outage, l => Assert.True(l.StartsWith("warn: ", StringComparison.Ordinal), $"{process.Name}: not a warning: {l}"));
            Assert.All(outage, l => Assert.True(l.Length < 300, $"{process.Name}: a long line: {l}"));
            // The loss itself once, then one line per failed reconnect attempt (the broker is down about 3 s).
            Assert.True(outage.Count(l => l.Contains("lost the connection", StringComparison.Ordinal)) <= 1, $"{process.Name}:\n{output}");
            Assert.True(outage.Count <= 6, $"{process.Name} wrote {outage.Count} lines for one restart:\n{output}");
            Assert.DoesNotContain(Lines(process).Skip(skip), l => l.StartsWith("fail: ", StringComparison.Ordinal) || l.StartsWith("crit: ", StringComparison.Ordinal));
        }

        // The drill was noticed: the worker said it lost or re-made its connection (which lines depends on timing).
        Assert.Contains(Lines(worker).Skip(before.Worker), l => l.Contains("RabbitMQ", StringComparison.Ordinal) || l.Contains("Connection Failed", StringComparison.Ordinal));
    }

    private static List<string> Lines(ChildProcess process) =>
        [.. process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
