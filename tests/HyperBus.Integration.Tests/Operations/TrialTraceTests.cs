using System.Diagnostics;
using HyperBus.Cli.Running;
using HyperBus.Integration.Tests.Support;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Metrics;
using HyperBus.Telemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace HyperBus.Integration.Tests.Operations;

/// <summary>
/// One trial's spans form one trace across the host and a worker: the trace context travels in the message
/// headers over RabbitMQ (the two buses share no call stack, so nothing else could carry it).
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class TrialTraceTests(RabbitNode rabbit, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-trace-it-");

    [Fact]
    public async Task A_trial_s_request_work_and_outcome_share_one_trace_id_across_host_and_worker()
    {
        var broker = await rabbit.CreateVhostAsync("trace");
        var spans = new List<Activity>();
        var storage = Path.Combine(_dir.FullName, "host.db");
        var bus = new BusCommandOptions(BusTransport.RabbitMq, broker, storage, Verbose: false);
        // Tracer providers listen process-wide, so the host's exporter also sees the worker's spans.
        var hostTelemetry = new HyperBusTelemetryOptions { ServiceName = "hyperbus-host", StoragePath = storage, ConfigureTracing = t => t.AddInMemoryExporter(spans) };
        using var host = ProcessHost.Build(bus, new HyperBusOptions { RunHost = true }, withStore: true, withTrainers: false, telemetry: hostTelemetry);
        using var worker = ProcessHost.Build(bus, new HyperBusOptions { RunWorkers = true, TrainerKinds = ["function"] }, withStore: false, withTrainers: true,
            telemetry: new HyperBusTelemetryOptions { ServiceName = "hyperbus-worker" });
        await host.StartAsync();
        await worker.StartAsync();
        try
        {
            var spec = StudyRun.WriteSpec(_dir.FullName, "branin.yaml", """
                study: branin-trace
                trials: 3
                parallelism: 1
                sampler: { type: random, seed: 4 }
                trainer: function
                fixed: { function: branin }
                space:
                  x0: { type: float, low: -5, high: 10 }
                  x1: { type: float, low: 0, high: 15 }
                """);
            var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);
            Assert.Equal(3, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        }
        finally
        {
            await worker.StopAsync();
            await host.StopAsync();
        }

        Activity[] all;
        lock (spans)
        {
            all = [.. spans];
        }

        foreach (var s in all)
        {
            output.WriteLine($"{s.TraceId} {s.SpanId} <- {s.ParentSpanId} {s.Source.Name} {s.Kind} {s.DisplayName} | {string.Join(", ", s.Tags.Select(t => $"{t.Key}={t.Value}"))}");
        }

        // Follow each request along parent links: host send -> worker receive -> worker handling -> the worker's
        // TrialCompleted send -> host receive -> host handling -> the store commit of the outcome. Every link
        // between processes is a span whose parent id came out of a message header.
        var sends = all.Where(s => s.Kind == ActivityKind.Producer && Tag(s, "messaging.destination.name") == "hyperbus-trainer-function").ToList();
        Assert.Equal(3, sends.Count);
        foreach (var send in sends)
        {
            var workerReceive = Assert.Single(all, s => s.ParentSpanId == send.SpanId && s.Kind == ActivityKind.Consumer);
            Assert.Equal("hyperbus-trainer-function", Tag(workerReceive, "messaging.destination.name"));
            var workerProcess = Assert.Single(all, s => s.ParentSpanId == workerReceive.SpanId && Tag(s, "messaging.operation") == "process");
            var outcome = Assert.Single(all, s => s.ParentSpanId == workerProcess.SpanId && Tag(s, "messaging.destination.name") == "HyperBus.Contracts:TrialCompleted");
            var hostReceive = Assert.Single(all, s => s.ParentSpanId == outcome.SpanId && s.Kind == ActivityKind.Consumer);
            Assert.Equal("hyperbus-host", Tag(hostReceive, "messaging.destination.name"));
            var hostProcess = Assert.Single(all, s => s.ParentSpanId == hostReceive.SpanId && Tag(s, "messaging.operation") == "process");
            // The saga commits everything an outcome changes in one store transaction, inside the host's handling of it.
            Assert.Contains(all, s => (s.ParentSpanId == hostProcess.SpanId || s.ParentSpanId == hostReceive.SpanId) && s.Source.Name == HyperBusActivitySource.Name && s.DisplayName == "store.commit");
            Assert.All(new[] { workerReceive, workerProcess, outcome, hostReceive, hostProcess }, s => Assert.Equal(send.TraceId, s.TraceId));
        }
    }

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key)?.ToString();

    public void Dispose() => _dir.Delete(recursive: true);
}
