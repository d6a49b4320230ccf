using System.Text.Json.Nodes;
using HyperBus.Contracts;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using HyperBus.Orchestration.Submission;
using HyperBus.Storage;

namespace HyperBus.Integration.Tests;

/// <summary>The C# library running spec-defined studies on a host process and <c>hyperbus worker</c> processes over RabbitMQ.</summary>
[Collection(RabbitCollection.Name)]
public sealed class ClientOverRabbitMqTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-client-it-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task RunStudyAsync_runs_a_multi_objective_spec_and_a_spec_built_in_code_on_remote_workers()
    {
        var broker = await rabbit.CreateVhostAsync("client");
        var bus = $"--transport rabbitmq --rabbitmq {broker}";
        await using var host = ChildProcess.Hyperbus("host", $"host {bus} --storage \"{Storage}\" --verbose");
        await using var worker1 = ChildProcess.Hyperbus("worker-1", $"worker {bus} --trainer function --concurrency 2 --verbose");
        await using var worker2 = ChildProcess.Hyperbus("worker-2", $"worker {bus} --trainer function --concurrency 2 --verbose");
        foreach (var p in new[] { host, worker1, worker2 })
        {
            await p.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        }

        const string zdt1 = """
            study: zdt1-client
            directions: [minimize, minimize]
            trials: 60
            parallelism: 4
            sampler: { type: nsga2, populationSize: 12, seed: 3 }
            trainer: function
            fixed: { function: zdt1 }
            space:
              x0: { type: float, low: 0, high: 1 }
              x1: { type: float, low: 0, high: 1 }
              x2: { type: float, low: 0, high: 1 }
            """;
        // A spec built in code: the fields of a spec file as a JSON object.
        var branin = new JsonObject
        {
            ["study"] = "branin-client",
            ["trials"] = 16,
            ["parallelism"] = 4,
            ["sampler"] = new JsonObject { ["type"] = "random", ["seed"] = 1 },
            ["trainer"] = "function",
            ["fixed"] = new JsonObject { ["function"] = "branin" },
            ["space"] = new JsonObject
            {
                ["x0"] = new JsonObject { ["type"] = "float", ["low"] = -5, ["high"] = 10 },
                ["x1"] = new JsonObject { ["type"] = "float", ["low"] = 0, ["high"] = 15 },
            },
        };
        var progress = new CollectingProgress<StudyProgressed>();
        var options = new BusOptions { RabbitMq = broker };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var runs = await Task.WhenAll(
            HyperBusClient.RunStudyAsync(zdt1, options, progress, timeout.Token),
            HyperBusClient.RunStudyAsync(branin, options, cancellationToken: timeout.Token));

        var (front, single) = (runs[0], runs[1]);
        Assert.Equal((StudyOutcome.Completed, 60, 0), (front.Outcome, front.Completed, front.Failed));
        Assert.Equal((StudyOutcome.Completed, 16, 0), (single.Outcome, single.Completed, single.Failed));
        Assert.Null(single.ParetoFront);
        Assert.InRange(single.BestValue!.Value, 0.397887, 30);
        Assert.Contains(progress.Reports, p => p.StudyId == front.StudyId && p.Completed == 60);

        // The front the client got is the non-dominated set of the trials the host stored.
        using var store = new SqliteStudyStore(Storage);
        var trials = (await store.LoadTrialsAsync(front.StudyId)).Where(t => t.State == TrialState.Completed).ToList();
        Assert.Equal(60, trials.Count);
        Assert.All(trials, t => Assert.Equal(2, t.Values!.Count));
        var expected = trials.Where(a => !trials.Any(b => Dominates(b.Values!, a.Values!))).Select(t => t.Number).Order().ToList();
        Assert.True(expected.Count >= 3, $"a front of {expected.Count} is trivial");
        Assert.Equal(expected, front.ParetoFront!.Select(t => t.Number).Order());
        Assert.All(front.ParetoFront!, t => Assert.Equal(trials.Single(s => s.Number == t.Number).Values!, t.Values));
    }

    [Fact]
    public async Task An_unreachable_broker_is_named_without_its_password()
    {
        var options = new BusOptions { RabbitMq = new Uri("amqp://user:s3cret@127.0.0.1:1/none"), ConnectTimeout = TimeSpan.FromSeconds(2) };

        var e = await Assert.ThrowsAsync<BrokerUnreachableException>(() => HyperBusClient.RunStudyAsync("""
            study: nowhere
            trials: 1
            trainer: function
            fixed: { function: branin }
            space: { x0: { type: float, low: 0, high: 1 }, x1: { type: float, low: 0, high: 1 } }
            """, options));

        Assert.Contains("cannot reach RabbitMQ at amqp://user:***@127.0.0.1:1/none", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
    }

    private static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
