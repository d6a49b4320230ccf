using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace HyperBus.Cli.Output;

/// <summary>Prints a finished study: the best trial's parameters and value, and the trial counts.</summary>
public static class SummaryView
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    public static void WriteJson(TextWriter output, StudySummary summary) =>
        output.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));

    public static void WriteTable(IAnsiConsole console, StudySummary summary)
    {
        var t = summary.Trials;
        console.MarkupLine($"[bold]{Markup.Escape(summary.Study)}[/] {summary.Outcome.ToLowerInvariant()} in {summary.DurationSeconds:0.0} s: " +
            $"[green]{t.Completed} completed[/], [yellow]{t.Pruned} pruned[/], [red]{t.Failed} failed[/]");
        if (summary.BestValue is not { } best)
        {
            console.MarkupLine("[red]No trial completed.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"best trial #{summary.BestTrial}");
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in summary.BestParams ?? new Dictionary<string, JsonElement>())
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
        }

        table.AddRow($"[bold]{Markup.Escape(summary.Metric)}[/] ({summary.Direction})", $"[bold]{best.ToString("0.#####", CultureInfo.InvariantCulture)}[/]");
        console.Write(table);
    }
}
