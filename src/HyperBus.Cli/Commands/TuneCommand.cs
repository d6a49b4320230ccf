using System.CommandLine;
using HyperBus.Cli.Output;
using HyperBus.Cli.Running;
using HyperBus.Cli.Running.LocalPython;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus tune SPEC</c>: run a study to the end in this process and print the best trial.</summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "the study spec (YAML or JSON)" };
        var trials = IntegerOption.Optional("--trials", "override the spec's trial count");
        var parallelism = IntegerOption.Optional("--parallelism", "override how many trials run at once");
        var seed = IntegerOption.Optional("--seed", "override the sampler's seed");
        var dryRun = new Option<bool>("--dry-run") { Description = "check the spec, build its sampler and scheduler, print what would run; store and send nothing" };
        var startNew = new Option<bool>("--new") { Description = "start a new study even if the store has one of this name (otherwise an unfinished one is resumed)" };
        var command = new Command("tune", "Run a study and print its best trial (in process on the embedded bus by default)")
        {
            spec, trials, parallelism, seed, dryRun, startNew, SharedOptions.Json,
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
            var trainers = inProcess ? ProcessHost.InProcessTrainerKinds() : null;
            var parsed = StudySpecParser.Parse(text, Catalogs.For(trainers), overrides);
            if (result.GetValue(dryRun))
            {
                Console.Write(StudyPlan.Describe(parsed, trainers));
                return CommandRunner.Ok;
            }

            if (inProcess)
            {
                ProcessHost.EnsureTrainerRuns(parsed.Trainer);
            }

            var hostOptions = new HyperBusOptions
            {
                RunHost = true,
                RunWorkers = inProcess,
                Watch = true,
                WorkerConcurrency = parsed.Parallelism,
                HostQueue = TuneQueue.For(bus.Storage),
            };
            await BrokerProbe.EnsureReachableAsync(bus, ct);
            var dashboard = DashboardOption.Read(result);
            StorageCheck.EnsureUsable(bus.Storage);
            var existing = await ExistingStudy.FindAsync(bus.Storage, parsed, result.GetValue(startNew), ct);
            if (existing is not null)
            {
                Console.Error.WriteLine($"resuming study {existing.Name} ({existing.Id}, {existing.Status.ToString().ToLowerInvariant()}) from {Path.GetFullPath(bus.Storage)}; pass --new for a new study");
            }

            // Python workers import their trainers while the host starts, not after its first request.
            var prestarted = inProcess ? PrestartedWorkers.Launch(parsed.Trainer, parsed.Parallelism, bus.Verbose) : null;
            using var host = ProcessHost.Build(bus, hostOptions, withStore: true, withTrainers: inProcess, dashboard, followsStudy: true, prestarted: prestarted);
            DashboardOption.Announce(dashboard);
            var hint = $"hyperbus tune {result.GetValue(spec)!.FullName} --storage {Path.GetFullPath(bus.Storage)}";
            var code = await StudySession.RunAsync(host, parsed, result.GetValue(SharedOptions.Json), ct, existing?.Id, hint);
            if (!result.GetValue(SharedOptions.Json) && code != Interrupts.ExitCode)
            {
                NextSteps.Write(Console.Out, parsed.Name, bus.Storage);
            }

            if (code != Interrupts.ExitCode)
            {
                await DashboardOption.AfterStudyAsync(result, dashboard, bus.Storage, ct);
            }

            return code;
        }));
        return command;
    }
}
