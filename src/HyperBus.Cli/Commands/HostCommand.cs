using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using Microsoft.Extensions.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus host</c>: the optimizer as a long-running service on RabbitMQ; stops gracefully on SIGTERM.</summary>
public static class HostCommand
{
    public static Command Create()
    {
        var command = new Command("host", "Run the optimizer host: takes SubmitStudy from its queue and runs studies until stopped");
        SharedOptions.AddBusOptions(command);
        command.Options.Add(DashboardOption.Option);
        TelemetryOptions.AddTo(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            if (bus.Transport != BusTransport.RabbitMq)
            {
                throw new SpecException([new SpecError("--transport", "the host serves other processes, so it needs --transport rabbitmq")]);
            }

            var dashboard = DashboardOption.Read(result);
            var telemetry = TelemetryOptions.Read(result, "hyperbus-host", bus.Storage);
            await BrokerProbe.EnsureReachableAsync(bus, ct);
            using var host = ProcessHost.Build(bus, new HyperBusOptions { RunHost = true }, withStore: true, withTrainers: false, dashboard, telemetry);
            Console.Error.WriteLine($"hyperbus host: serving studies from {RabbitMqConnection.Redact(bus.RabbitMq!)}, storing in {bus.Storage}");
            DashboardOption.Announce(dashboard);
            TelemetryOptions.Announce(telemetry);
            await host.RunAsync(ct);
            return CommandRunner.Ok;
        }));
        return command;
    }
}
