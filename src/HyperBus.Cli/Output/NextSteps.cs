using Spectre.Console;

namespace HyperBus.Cli.Output;

/// <summary>After a study: where it was stored and the commands that look at it, ready to copy.</summary>
public static class NextSteps
{
    public static void Write(IAnsiConsole console, string study, string storage)
    {
        // The default store needs no option; any other store is named, so the printed commands work as they are.
        var option = storage == DefaultStorage ? "" : $" --storage {Quote(storage)}";
        console.MarkupLine($"stored in [bold]{Markup.Escape(Path.GetFullPath(storage))}[/]; next:");
        console.MarkupLine(Markup.Escape($"  hyperbus status {study}{option}"));
        console.MarkupLine(Markup.Escape($"  hyperbus report {study}{option} --out report/"));
        console.MarkupLine(Markup.Escape($"  hyperbus export {study} --format csv{option} --out trials.csv"));
    }

    private const string DefaultStorage = "hyperbus.db";

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
