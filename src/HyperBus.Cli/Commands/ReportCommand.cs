using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Reporting;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus report STUDY</c>: the study's plots as PNG and SVG and a self-contained report.html.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var study = new Argument<string>("study") { Description = "a study name or id" };
        var output = new Option<string?>("--out") { Description = "folder to write into (default: ./<study>-report)" };
        var seed = IntegerOption.WithDefault("--seed", "seed of the importance forest", 0);
        var command = new Command("report", "Write a study's plots (PNG, SVG) and a self-contained report.html") { study, SharedOptions.Storage, output, seed };
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var (store, snapshot) = await StoredStudy.LoadAsync(result.GetValue(SharedOptions.Storage)!, result.GetValue(study)!, ct);
            using (store)
            {
                var directory = Path.GetFullPath(result.GetValue(output) ?? $"{snapshot.Study.Name}-report");
                var files = await ReportWriter.WriteAsync(snapshot, directory, result.GetValue(seed), ct);
                Console.Error.WriteLine($"wrote {files.Count - 1} plot files to {directory}");
                Console.WriteLine(Path.Combine(directory, ReportWriter.ReportFile));
                return CommandRunner.Ok;
            }
        }));
        return command;
    }
}
