using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using Microsoft.Extensions.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus worker --trainer KIND</c>: runs the C# trainer plugins out of process on RabbitMQ.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var trainers = new Option<string[]>("--trainer") { Description = "trainer kind to serve (repeat for several; default all built in)", AllowMultipleArgumentsPerToken = true };
        var concurrency = IntegerOption.WithDefault("--concurrency", "trials at once per trainer kind", 1);
        var command = new Command("worker", "Run C# trainers: consume TrialRequested and publish outcomes") { trainers, concurrency };
        SharedOptions.AddBusOptions(command);
        command.Options.Add(WarmUpOption.Skip);
        TelemetryOptions.AddTo(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            if (bus.Transport != BusTransport.RabbitMq)
            {
                throw new SpecException([new SpecError("--transport", "a worker serves a host in another process, so it needs --transport rabbitmq")]);
            }

            var known = ProcessHost.BuiltInTrainerKinds();
            var kinds = result.GetValue(trainers) is { Length: > 0 } chosen ? chosen : known.ToArray();
            var unknown = kinds.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new SpecException([new SpecError("--trainer", $"unknown trainer '{unknown[0]}'; built in: {string.Join(", ", known.Order(StringComparer.Ordinal))}")]);
            }

            var n = result.GetValue(concurrency);
            if (n is < 1 or > 1024)
            {
                throw new SpecException([new SpecError("--concurrency", "must be between 1 and 1024")]);
            }

            var telemetry = TelemetryOptions.Read(result, "hyperbus-worker", storagePath: null);
            await BrokerProbe.EnsureReachableAsync(bus, ct);
            if (!result.GetValue(WarmUpOption.Skip) && !await StartupWarmUp.RunAsync(bus, c => WarmUpSkip.ForWorkerAsync(bus.RabbitMq!, kinds, c), ct))
            {
                return CommandRunner.Ok; // stopped (SIGTERM, Ctrl-C) before it served
            }

            var options = new HyperBusOptions { RunWorkers = true, TrainerKinds = kinds, WorkerConcurrency = n };
            using var host = ProcessHost.Build(bus, options, withStore: false, withTrainers: true, telemetry: telemetry);
            Console.Error.WriteLine($"hyperbus worker: {string.Join(", ", kinds)} x{n} on {RabbitMqConnection.Redact(bus.RabbitMq!)}");
            TelemetryOptions.Announce(telemetry);
            await host.RunAsync(ct);
            return CommandRunner.Ok;
        }));
        return command;
    }
}
