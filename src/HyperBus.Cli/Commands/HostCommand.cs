using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using Microsoft.Extensions.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus host</c>: the optimizer as a long-running service on RabbitMQ; stops gracefully on SIGTERM.</summary>
public static class HostCommand
{
    public static Command Create()
    {
        var leaseSeconds = new Option<int?>("--lease-seconds") { Description = "how long this host's lease on a study lasts (default 15); a standby host takes a study over after it" };
        var command = new Command("host", "Run the optimizer host: takes SubmitStudy from its queue and runs studies until stopped") { leaseSeconds };
        SharedOptions.AddBusOptions(command);
        command.Options.Add(DashboardOption.Option);
        command.Options.Add(WarmUpOption.Skip);
        TelemetryOptions.AddTo(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            if (result.GetValue(leaseSeconds) is { } seconds)
            {
                bus = seconds is >= 2 and <= 3600
                    ? bus with { LeaseDuration = TimeSpan.FromSeconds(seconds) }
                    : throw new SpecException([new SpecError("--lease-seconds", $"must be between 2 and 3600, not {seconds}")]);
            }
            if (bus.Transport != BusTransport.RabbitMq)
            {
                throw new SpecException([new SpecError("--transport", "the host serves other processes, so it needs --transport rabbitmq")]);
            }

            var dashboard = DashboardOption.Read(result);
            var telemetry = TelemetryOptions.Read(result, "hyperbus-host", bus.Storage);
            await BrokerProbe.EnsureReachableAsync(bus, ct);
            if (!result.GetValue(WarmUpOption.Skip))
            {
                // Its queue first, so a study submitted during the warm-up waits for it to serve.
                await HostQueueDeclaration.DeclareAsync(bus.RabbitMq!, MessageNames.HostQueue, ct);
                if (!await StartupWarmUp.RunAsync(bus, c => WarmUpSkip.ForHostAsync(bus.Storage, c), ct))
                {
                    return CommandRunner.Ok; // stopped (SIGTERM, Ctrl-C) before it served
                }
            }

            using var host = ProcessHost.Build(bus, new HyperBusOptions { RunHost = true }, withStore: true, withTrainers: false, dashboard, telemetry: telemetry);
            Console.Error.WriteLine($"hyperbus host: serving studies from {RabbitMqConnection.Redact(bus.RabbitMq!)}, storing in {bus.Storage}");
            DashboardOption.Announce(dashboard);
            TelemetryOptions.Announce(telemetry);
            await host.RunAsync(ct);
            return CommandRunner.Ok;
        }));
        return command;
    }
}
