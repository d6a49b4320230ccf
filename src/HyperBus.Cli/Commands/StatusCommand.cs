using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HyperBus.Cli.Output;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Storage;
using Spectre.Console;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus status [STUDY]</c>: studies in the store with their state, counts and best value so far.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var study = new Argument<string?>("study") { Description = "a study name or id (default: all studies)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show the studies in a store (ids and times with --json)") { study, SharedOptions.Storage, SharedOptions.Json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var path = result.GetValue(SharedOptions.Storage)!;
            if (!File.Exists(path))
            {
                throw new SpecException([new SpecError("--storage", $"no study store at '{Path.GetFullPath(path)}'")]);
            }

            var store = SqliteStudyStore.OpenForReading(path);
            var name = result.GetValue(study);
            IReadOnlyList<StudyRecord> records;
            if (name is null)
            {
                records = await store.ListStudiesAsync(ct);
            }
            else
            {
                // Every study of that name (a name may be reused with --new), or the one with that id.
                records = [.. (await store.ListStudiesAsync(ct)).Where(s => s.Name == name || s.Id.ToString() == name)];
                if (records.Count == 0)
                {
                    throw new SpecException([new SpecError("study", $"no study named '{name}' in {path}")]);
                }
            }

            var rows = new List<StudyStatusRow>();
            foreach (var record in records)
            {
                rows.Add(StudyStatusRow.From(record, await store.LoadTrialsAsync(record.Id, ct)) with
                {
                    Dropped = await store.LoadDropCountsAsync(record.Id, ct),
                    PauseReason = record.Status == StudyStatus.Paused ? (await store.LoadSagaAsync(record.Id, ct))?.PauseReason : null,
                });
            }

            if (result.GetValue(SharedOptions.Json))
            {
                Console.WriteLine(name is null || rows.Count > 1 ? JsonSerializer.Serialize(rows, StudyStatusRow.JsonOptions) : JsonSerializer.Serialize(rows[0], StudyStatusRow.JsonOptions));
                return CommandRunner.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(new TableColumn("study").NoWrap());
            table.AddColumn(new TableColumn("state").NoWrap());
            table.AddColumn(new TableColumn("ok/pruned/failed").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("running").RightAligned());
            table.AddColumn(new TableColumn("best").RightAligned().NoWrap());
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Study), r.State, FormattableString.Invariant($"{r.Completed}/{r.Pruned}/{r.Failed}"),
                    r.Running.ToString(CultureInfo.InvariantCulture), r.BestValue is { } best ? ValueFormat.Significant(best) : "-");
            }

            AnsiConsole.Write(table);
            foreach (var r in rows.Where(r => r.PauseReason is not null))
            {
                // The reason of a pool's pause starts with "paused:" already; a person's is a free text.
                var reason = r.PauseReason!.StartsWith("paused", StringComparison.Ordinal) ? r.PauseReason : $"paused: {r.PauseReason}";
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(r.Study)}: {Markup.Escape(reason)}[/]");
            }

            foreach (var r in rows.Where(r => r.Warning is not null))
            {
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(r.Study)}: waiting: {Markup.Escape(r.Warning!)}[/]");
            }

            return CommandRunner.Ok;
        }));
        return command;
    }
}
