using System.CommandLine;
using HyperBus.Cli.Commands;
using HyperBus.Cli.Running;

var root = new RootCommand("HyperBus: hyperparameter tuning over a message bus")
{
    TuneCommand.Create(),
    HostCommand.Create(),
    WorkerCommand.Create(),
    SubmitCommand.Create(),
    ResumeCommand.Create(),
    StatusCommand.Create(),
    ReportCommand.Create(),
    ExportCommand.Create(),
    PredictCommand.Create(),
    ConformanceCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'hyperbus --help' for usage.");
    return CommandRunner.InvalidInput;
}

// Ctrl-C is the study session's to handle (cancel the study, then exit 130), not the parser's.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
