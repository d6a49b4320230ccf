using System.Text.Json;
using Spectre.Console;

namespace HyperBus.Cli.Output;

/// <summary>Prints a finished study: the trial counts, then the best trial's parameters and value (or the Pareto front with several objectives).</summary>
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
        if (summary.ParetoFront is { } front)
        {
            WriteFront(console, summary, front);
            return;
        }

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

        table.AddRow($"[bold]{Markup.Escape(summary.Metric)}[/] ({summary.Direction})", $"[bold]{ValueFormat.Significant(best)}[/]");
        console.Write(table);
    }

    private static void WriteFront(IAnsiConsole console, StudySummary summary, ParetoFrontSummary front)
    {
        if (front.Size == 0)
        {
            console.MarkupLine("[red]No feasible trial completed.[/]");
            return;
        }

        var directions = summary.Directions ?? [summary.Direction];
        var table = new Table().Border(TableBorder.Rounded).Title($"Pareto front: {front.Size} trial{(front.Size == 1 ? "" : "s")}");
        table.AddColumn("trial");
        for (var i = 0; i < directions.Count; i++)
        {
            var name = summary.Metrics is { } names && names.Count == directions.Count ? names[i] : i == 0 ? summary.Metric : $"objective {i + 1}";
            table.AddColumn(new TableColumn($"{Markup.Escape(name)} ({directions[i]})").RightAligned());
        }

        foreach (var trial in front.Trials.OrderBy(t => t.Values.Count > 0 ? t.Values[0] : 0))
        {
            table.AddRow([$"#{trial.Trial}", .. trial.Values.Select(ValueFormat.Significant)]);
        }

        console.Write(table);
    }
}
