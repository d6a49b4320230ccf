using System.CommandLine;
using HyperBus.Cli.Output;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus tune SPEC</c>: run a study to the end in this process and print the best trial.</summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "the study spec (YAML or JSON)" };
        var trials = new Option<int?>("--trials") { Description = "override the spec's trial count" };
        var parallelism = new Option<int?>("--parallelism") { Description = "override how many trials run at once" };
        var seed = new Option<int?>("--seed") { Description = "override the sampler's seed" };
        var command = new Command("tune", "Run a study and print its best trial (in process on the embedded bus by default)")
        {
            spec, trials, parallelism, seed, SharedOptions.Json,
        };
        SharedOptions.AddBusOptions(command);
        command.Options.Add(DashboardOption.Option);
        command.Options.Add(DashboardOption.KeepServing);
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var bus = SharedOptions.ReadBus(result);
            var text = SpecFile.Read(result.GetValue(spec)!);
            var overrides = new SpecOverrides(result.GetValue(trials), result.GetValue(parallelism), result.GetValue(seed));
            var inProcess = bus.Transport == BusTransport.InMemory;
            var parsed = StudySpecParser.Parse(text, Catalogs.For(inProcess ? ProcessHost.InProcessTrainerKinds() : null), overrides);
            if (inProcess)
            {
                ProcessHost.EnsureTrainerRuns(parsed.Trainer);
            }

            var hostOptions = new HyperBusOptions { RunHost = true, RunWorkers = inProcess, Watch = true, WorkerConcurrency = parsed.Parallelism };
            var dashboard = DashboardOption.Read(result);
            using var host = ProcessHost.Build(bus, hostOptions, withStore: true, withTrainers: inProcess, dashboard);
            DashboardOption.Announce(dashboard);
            var code = await StudySession.RunAsync(host, parsed, result.GetValue(SharedOptions.Json), ct);
            if (!result.GetValue(SharedOptions.Json))
            {
                NextSteps.Write(Console.Out, parsed.Name, bus.Storage);
            }

            await DashboardOption.AfterStudyAsync(result, dashboard, bus.Storage, ct);
            return code;
        }));
        return command;
    }
}
