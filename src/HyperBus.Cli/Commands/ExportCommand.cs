using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Reporting.Export;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus export STUDY --format csv|json</c>: every trial with parameters, value, state, attempts, times and reports.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var study = new Argument<string>("study") { Description = "a study name or id" };
        var format = new Option<string?>("--format") { Description = "csv or json" };
        var output = new Option<string?>("--out") { Description = "file to write (default: stdout)" };
        var command = new Command("export", "Export every trial of a study as CSV or JSON") { study, format, output, SharedOptions.Storage };
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var kind = result.GetValue(format)?.ToLowerInvariant() switch
            {
                "csv" => "csv",
                "json" => "json",
                null => throw new SpecException([new SpecError("--format", "is required: csv or json")]),
                var other => throw new SpecException([new SpecError("--format", $"must be csv or json, not '{other}'")]),
            };
            var (store, snapshot) = await StoredStudy.LoadAsync(result.GetValue(SharedOptions.Storage)!, result.GetValue(study)!, ct);
            using (store)
            {
                var trials = await TrialExport.LoadAsync(store, snapshot, ct);
                var text = kind == "csv" ? TrialExport.ToCsv(snapshot, trials) : TrialExport.ToJson(snapshot, trials) + Environment.NewLine;
                if (result.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file, text, ct);
                    Console.Error.WriteLine($"wrote {trials.Count} trials to {Path.GetFullPath(file)}");
                }
                else
                {
                    Console.Out.Write(text);
                }

                return CommandRunner.Ok;
            }
        }));
        return command;
    }
}
