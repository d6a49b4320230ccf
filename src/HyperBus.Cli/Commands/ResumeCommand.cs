using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Submission;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus resume STUDY-ID</c>: go on with a paused or cancelled study on a running host.</summary>
public static class ResumeCommand
{
    public static Command Create()
    {
        var study = new Argument<string>("study") { Description = "the id of the study (as submit, tune and status print it)" };
        var command = new Command("resume", "Resume a paused or cancelled study on the host (hyperbus host) over RabbitMQ") { study };
        SharedOptions.AddBusOptions(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            if (bus.Transport != BusTransport.RabbitMq)
            {
                throw new SpecException([new SpecError("--transport", "resume asks a host in another process, so it needs --transport rabbitmq (tune resumes its own studies: run it again)")]);
            }

            if (!Guid.TryParse(result.GetValue(study), out var id))
            {
                throw new SpecException([new SpecError("study", $"'{result.GetValue(study)}' is not a study id")]);
            }

            await BrokerProbe.EnsureReachableAsync(bus, ct);
            using var host = ProcessHost.Build(bus, new HyperBusOptions(), withStore: false, withTrainers: false);
            await host.StartAsync(ct);
            try
            {
                await StudySubmitter.SendResumeAsync(host.Services, id, ct);
                Console.WriteLine($"asked the host to resume study {id}");
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
