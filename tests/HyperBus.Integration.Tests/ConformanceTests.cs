using System.Collections.Concurrent;
using System.Text.Json;
using HyperBus.Conformance;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// <c>hyperbus conformance</c> against real worker processes of three languages on a real RabbitMQ: the C#
/// worker (<c>hyperbus worker</c>), the Python SDK and the Node.js example written from the contract alone.
/// Each worker is driven once (the first of its rows starts it); every case is a row, so the summary counts them.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class ConformanceTests(RabbitNode rabbit)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<KitRun>>> Runs = new();
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static TheoryData<string, string> WorkersAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var worker in new[] { "csharp", "python", "node" })
        {
            data.Add(worker, "worker-present");
            foreach (var c in ConformanceRun.Cases)
            {
                data.Add(worker, c.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WorkersAndCases))]
    public async Task Worker_keeps_the_promise_of_the_case(string worker, string name)
    {
        var run = await Runs.GetOrAdd(worker, w => new Lazy<Task<KitRun>>(() => RunKitAsync(w))).Value;
        var result = run.Cases.SingleOrDefault(c => c.Name == name);
        Assert.True(result is not null, $"the kit reported no case '{name}' for the {worker} worker (exit {run.ExitCode}):\n{run.Output}");
        Assert.True(result.Passed, $"{worker}: {name}: {result.Detail}\n--- worker output ---\n{run.WorkerOutput}");
        Assert.Equal(run.Cases.All(c => c.Passed) ? 0 : 1, run.ExitCode);
    }

    [Theory]
    [InlineData("csharp")]
    [InlineData("python")]
    [InlineData("node")]
    public async Task Worker_declares_its_decision_queue_not_durable_and_auto_delete(string worker)
    {
        var run = await Runs.GetOrAdd(worker, w => new Lazy<Task<KitRun>>(() => RunKitAsync(w))).Value;
        var decisionQueues = run.Queues.Split('\n').Select(l => l.Split('\t')).Where(c => c[0].StartsWith("hyperbus-worker-", StringComparison.Ordinal)).ToList();

        var queue = Assert.Single(decisionQueues);
        Assert.Equal(["false", "true"], queue[1..3]);
    }

    [Fact]
    public async Task Without_a_worker_the_kit_says_so_and_exits_1()
    {
        var broker = await rabbit.CreateVhostAsync("conformance-none");
        await using var kit = ChildProcess.Hyperbus("conformance", $"conformance --trainer nobody-serves-this --rabbitmq {broker} --wait 1 --json");
        var exit = await kit.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, exit);
        Assert.Contains("no worker consumes hyperbus-trainer-nobody-serves-this", kit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_exits_2_naming_it()
    {
        await using var kit = ChildProcess.Hyperbus("conformance", "conformance --rabbitmq http://localhost --wait 1");
        var exit = await kit.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exit);
        Assert.Contains("--rabbitmq", kit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", kit.Output, StringComparison.Ordinal);
    }

    private async Task<KitRun> RunKitAsync(string worker)
    {
        var broker = await rabbit.CreateVhostAsync($"conformance-{worker}");
        await using var process = StartWorker(worker, broker);
        await using var kit = ChildProcess.Hyperbus("conformance", $"conformance --trainer {ConformanceRequest.TrainerKind} --rabbitmq {broker} --wait 90 --json");
        var exit = await kit.WaitForExitAsync(TimeSpan.FromMinutes(4));
        // Read while the worker still runs: its decision queue goes when it does.
        var queues = await rabbit.Ctl($"list_queues -p {broker.AbsolutePath.Trim('/')} name durable auto_delete");
        var output = kit.Output;
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        var cases = JsonDocument.Parse(json).RootElement.GetProperty("cases").Deserialize<List<CaseResult>>(WebJson)!;
        return new KitRun(exit, cases, output, process.Output, queues);
    }

    private static ChildProcess StartWorker(string worker, Uri broker) => worker switch
    {
        "csharp" => ChildProcess.Hyperbus("csharp worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer {ConformanceRequest.TrainerKind}"),
        "python" => ChildProcess.PythonWorker("python worker", $"--rabbitmq {broker} --trainer {ConformanceRequest.TrainerKind} --no-examples"),
        "node" => NodeWorker(broker),
        _ => throw new ArgumentOutOfRangeException(nameof(worker), worker, "unknown worker"),
    };

    private static ChildProcess NodeWorker(Uri broker)
    {
        var folder = Path.Combine(Repo.Root, "examples", "node-worker");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "amqplib")))
        {
            throw new InvalidOperationException($"amqplib is not installed: run 'npm ci' in {folder} (tests/run-all.sh does)");
        }

        return ChildProcess.Start("node worker", "node", $"\"{Path.Combine(folder, "worker.js")}\" {ConformanceRequest.TrainerKind}",
            new Dictionary<string, string> { ["HYPERBUS_RABBITMQ"] = broker.ToString() });
    }

    private sealed record KitRun(int ExitCode, IReadOnlyList<CaseResult> Cases, string Output, string WorkerOutput, string Queues);
}
