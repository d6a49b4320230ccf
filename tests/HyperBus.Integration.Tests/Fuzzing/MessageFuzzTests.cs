using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using RabbitMQ.Client;

namespace HyperBus.Integration.Tests.Fuzzing;

/// <summary>
/// 2,000 seeded mutations of each contract message a peer sends, published raw to a running host, a C# worker
/// and a Python worker on a real RabbitMQ: every process stays up, a finished study keeps its values, every
/// parked message carries its reason, nothing logs a stack trace, and the host still runs the next study.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class MessageFuzzTests(RabbitNode rabbit) : IDisposable
{
    private const int PerMessage = 2_000;
    private const string PythonKind = "fault-sleep";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-msgfuzz-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task Mutated_messages_are_parked_or_dropped_and_nothing_breaks()
    {
        var broker = await rabbit.CreateVhostAsync("msgfuzz");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\"");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4");
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer {PythonKind} --concurrency 8");
        await host.WaitForOutputAsync("serving studies from", TimeSpan.FromSeconds(60));
        await python.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        var spec = StudyRun.WriteSpec(_dir.FullName, "ok.yaml", "study: before-fuzz\ntrials: 4\nsampler: { type: random, seed: 1 }\ntrainer: noop\nspace: { x: { type: float, low: 0, high: 1 } }\n");
        var finished = await StudyRun.SubmitAsync(broker, spec);
        using var watch = new StoreWatch(Storage);
        await watch.WaitForEndAsync(finished, TimeSpan.FromMinutes(1));
        var before = await watch.Store.LoadTrialsAsync(finished);
        var trial = before[0];

        var clock = Stopwatch.StartNew();
        var factory = new ConnectionFactory { Uri = broker };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var seed = 0;
            foreach (var (type, queue, template) in Targets(finished, trial.Id))
            {
                for (var i = 0; i < PerMessage; i++, seed++)
                {
                    var properties = new BasicProperties
                    {
                        ContentType = "application/json",
                        Persistent = true,
                        MessageId = Guid.NewGuid().ToString(),
                        Headers = new Dictionary<string, object?> { ["MT-MessageType"] = $"urn:message:HyperBus.Contracts:{type}" },
                    };
                    await channel.BasicPublishAsync("", queue, mandatory: false, properties, MessageMutator.Mutate(template, seed));
                }
            }

            await WaitUntilDrainedAsync(channel, [Contracts.MessageNames.HostQueue, "hyperbus-trainer-noop", $"hyperbus-trainer-{PythonKind}"], TimeSpan.FromMinutes(2));
        }

        var published = clock.Elapsed;
        // The host still serves: a study submitted after the storm runs to the end.
        var after = await StudyRun.SubmitAsync(broker, spec);
        var study = await watch.WaitForEndAsync(after, TimeSpan.FromMinutes(1));

        Assert.Equal(StudyStatus.Completed, study.Status);
        Assert.False(host.HasExited, host.Output);
        Assert.False(worker.HasExited, worker.Output);
        Assert.False(python.HasExited, python.Output);
        Assert.Equal(
            before.Select(t => (t.Id, t.State, t.Value, t.Attempt)),
            (await watch.Store.LoadTrialsAsync(finished)).Select(t => (t.Id, t.State, t.Value, t.Attempt)));
        Assert.Equal(StudyStatus.Completed, (await watch.Store.GetStudyAsync(finished))!.Status);
        var parked = 0;
        foreach (var queue in new[] { "hyperbus-host_error", "hyperbus-trainer-noop_error", $"hyperbus-trainer-{PythonKind}_error" })
        {
            var reasons = await ErrorQueueReasonsAsync(broker, queue);
            Assert.All(reasons, r => Assert.False(string.IsNullOrWhiteSpace(r), $"a message parked in {queue} without a reason"));
            parked += reasons.Count;
        }

        Assert.True(parked > PerMessage, $"only {parked} of {8 * PerMessage} mutants were parked: the mutator hardly breaks anything");
        foreach (var process in new[] { host, worker })
        {
            Assert.DoesNotContain("--- End of stack trace", process.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(" at MassTransit.", process.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Traceback", python.Output, StringComparison.Ordinal);
        Assert.True(published < TimeSpan.FromMinutes(2), $"the storm took {published}");
    }

    /// <summary>Each message a peer may send, as a valid body to mutate, and the queue it goes to.</summary>
    private static IEnumerable<(string Type, string Queue, JsonObject Template)> Targets(Guid study, Guid trial)
    {
        var host = Contracts.MessageNames.HostQueue;
        var ids = new JsonObject { ["studyId"] = study.ToString(), ["trialId"] = trial.ToString(), ["attempt"] = 1 };
        JsonObject With(params (string Key, JsonNode? Value)[] fields)
        {
            var body = (JsonObject)ids.DeepClone();
            foreach (var (key, value) in fields)
            {
                body[key] = value;
            }

            return body;
        }

        yield return ("TrialStarted", host, With(("workerId", "w"), ("startedAt", "2026-01-01T00:00:00Z")));
        yield return ("TrialReported", host, With(("step", 1), ("value", 0.5), ("checkpoint", null), ("workerId", "w")));
        yield return ("TrialCompleted", host, With(("value", -1000.0), ("values", null), ("metrics", new JsonObject { ["acc"] = 1.0 }), ("pruned", false), ("checkpoint", null), ("artifact", null), ("durationSeconds", 1.0), ("workerId", "w")));
        yield return ("TrialFailed", host, With(("error", "boom"), ("retryable", true), ("workerId", "w")));
        yield return ("CancelStudy", host, new JsonObject { ["studyId"] = study.ToString(), ["reason"] = "fuzz" });
        yield return ("SubmitStudy", host, new JsonObject
        {
            ["studyId"] = Guid.NewGuid().ToString(),
            ["spec"] = JsonNode.Parse("""{"study":"fuzzed","trials":1,"trainer":"noop","space":{"x":{"type":"float","low":0,"high":1}}}"""),
            ["submittedAt"] = "2026-01-01T00:00:00Z",
        });
        foreach (var (kind, queue) in new[] { ("noop", "hyperbus-trainer-noop"), (PythonKind, $"hyperbus-trainer-{PythonKind}") })
        {
            yield return ("TrialRequested", queue, new JsonObject
            {
                ["studyId"] = Guid.NewGuid().ToString(),
                ["trialId"] = Guid.NewGuid().ToString(),
                ["number"] = 0,
                ["attempt"] = 1,
                ["trainer"] = kind,
                ["metric"] = "value",
                ["params"] = new JsonObject { ["x"] = 0.5, ["seconds"] = 0 },
                ["fixed"] = new JsonObject(),
                ["budget"] = null,
                ["checkpoint"] = null,
                ["deadline"] = "2030-01-01T00:00:00Z",
                ["timeoutSeconds"] = 5,
            });
        }
    }

    private static async Task WaitUntilDrainedAsync(IChannel channel, string[] queues, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = 0u;
            foreach (var queue in queues)
            {
                left += await channel.MessageCountAsync(queue);
            }

            if (left == 0)
            {
                return;
            }

            Assert.True(clock.Elapsed < timeout, $"{left} messages still queued after {timeout}");
            await Task.Delay(250);
        }
    }

    private static async Task<List<string>> ErrorQueueReasonsAsync(Uri broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var reasons = new List<string>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                reasons.Add(message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true && value is byte[] bytes
                    ? Encoding.UTF8.GetString(bytes)
                    : string.Empty);
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // No such queue: nothing was parked there.
        }

        return reasons;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
