using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus submit SPEC [--wait]</c>: queue a study on a running host as a batch job.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "the study spec (YAML or JSON)" };
        var wait = new Option<bool>("--wait") { Description = "follow the study to its end with a progress bar and summary" };
        var trials = IntegerOption.Optional("--trials", "override the spec's trial count");
        var parallelism = IntegerOption.Optional("--parallelism", "override how many trials run at once");
        var seed = IntegerOption.Optional("--seed", "override the sampler's seed");
        var command = new Command("submit", "Queue a study on the host (hyperbus host) over RabbitMQ") { spec, wait, trials, parallelism, seed, SharedOptions.Json };
        SharedOptions.AddBusOptions(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            if (bus.Transport != BusTransport.RabbitMq)
            {
                throw new SpecException([new SpecError("--transport", "submit sends to a host in another process, so it needs --transport rabbitmq (use 'tune' to run in process)")]);
            }

            var text = SpecFile.Read(result.GetValue(spec)!);
            var overrides = new SpecOverrides(result.GetValue(trials), result.GetValue(parallelism), result.GetValue(seed));
            var parsed = StudySpecParser.Parse(text, Catalogs.For(trainers: null), overrides);
            var json = result.GetValue(SharedOptions.Json);
            await BrokerProbe.EnsureReachableAsync(bus, ct);
            using var host = ProcessHost.Build(bus, new HyperBusOptions { Watch = true }, withStore: false, withTrainers: false, followsStudy: result.GetValue(wait));
            if (result.GetValue(wait))
            {
                return await StudySession.RunAsync(host, parsed, json, ct, resumeHint: "hyperbus resume STUDY-ID --transport rabbitmq (the id printed above)");
            }

            await host.StartAsync(ct);
            try
            {
                var studyId = await StudySession.SubmitAsync(host.Services, parsed, ct);
                Console.WriteLine(json ? $$"""{"study":"{{parsed.Name}}","studyId":"{{studyId}}","submitted":true}""" : $"submitted {parsed.Name} as {studyId}");
                return CommandRunner.Ok;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));
        return command;
    }
}
