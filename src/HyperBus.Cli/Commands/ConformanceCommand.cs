using System.CommandLine;
using System.Text.Json;
using HyperBus.Cli.Running;
using HyperBus.Conformance;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using Spectre.Console;

namespace HyperBus.Cli.Commands;

/// <summary><c>hyperbus conformance --trainer KIND</c>: plays the host towards a running worker and checks every promise of the wire contract.</summary>
public static class ConformanceCommand
{
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var trainer = new Option<string>("--trainer") { Description = "the trainer kind the worker under test serves (its conformance trainer)", DefaultValueFactory = _ => ConformanceRequest.TrainerKind };
        var wait = new Option<double>("--wait") { Description = "seconds to wait for a worker on the trainer queue", DefaultValueFactory = _ => 30 };
        var only = new Option<string[]>("--case") { Description = "run only this case (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("conformance", "Check a running trainer worker of any language against the wire contract") { trainer, wait, only, SharedOptions.RabbitMq, SharedOptions.Json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(result, async () =>
        {
            var options = Read(result, trainer, wait, only);
            var json = result.GetValue(SharedOptions.Json);
            if (!json)
            {
                Console.Error.WriteLine($"hyperbus conformance: contract {Contracts.ContractVersion.Current}, trainer '{options.Trainer}' on {RabbitMqConnection.Redact(options.RabbitMq)}");
            }

            var report = await ConformanceRun.RunAsync(options, TimeProvider.System, json ? null : r => Console.Error.WriteLine($"  {(r.Passed ? "pass" : "FAIL")}  {r.Name}"), ct);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { report.Trainer, report.ContractVersion, report.Passed, report.Cases }, JsonOutput));
            }
            else
            {
                Print(report);
            }

            return report.Passed ? CommandRunner.Ok : CommandRunner.Failure;
        }));
        return command;
    }

    private static ConformanceOptions Read(ParseResult result, Option<string> trainer, Option<double> wait, Option<string[]> only)
    {
        var kind = result.GetValue(trainer);
        if (string.IsNullOrWhiteSpace(kind) || kind.Any(char.IsWhiteSpace))
        {
            throw new SpecException([new SpecError("--trainer", "must be a trainer kind without spaces")]);
        }

        var seconds = result.GetValue(wait);
        if (!double.IsFinite(seconds) || seconds is < 0 or > 3600)
        {
            throw new SpecException([new SpecError("--wait", "must be between 0 and 3600 seconds")]);
        }

        var cases = result.GetValue(only) is { Length: > 0 } chosen ? chosen : null;
        if (cases?.FirstOrDefault(c => ConformanceRun.Cases.All(k => k.Name != c)) is { } unknown)
        {
            throw new SpecException([new SpecError("--case", $"unknown case '{unknown}'; cases: {string.Join(", ", ConformanceRun.Cases.Select(c => c.Name))}")]);
        }

        var url = result.GetValue(SharedOptions.RabbitMq) ?? Environment.GetEnvironmentVariable("HYPERBUS_RABBITMQ");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new SpecException([new SpecError("--rabbitmq", "is required (or set HYPERBUS_RABBITMQ): the broker the worker under test uses")]);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new SpecException([new SpecError("--rabbitmq", "must be an amqp:// or amqps:// URL")]);
        }

        return new ConformanceOptions(uri, kind) { WaitForWorker = TimeSpan.FromSeconds(seconds), Cases = cases };
    }

    private static void Print(ConformanceReport report)
    {
        var table = new Table().AddColumns("case", "result", "seconds", "promise / what happened");
        foreach (var c in report.Cases)
        {
            table.AddRow(Markup.Escape(c.Name), c.Passed ? "[green]pass[/]" : "[red]FAIL[/]", c.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(c.Passed ? c.Promise : $"{c.Promise}\n-> {c.Detail}"));
        }

        AnsiConsole.Write(table);
        var failed = report.Cases.Count(c => !c.Passed);
        AnsiConsole.MarkupLine(failed == 0 ? $"[green]{report.Cases.Count} of {report.Cases.Count} passed[/]" : $"[red]{failed} of {report.Cases.Count} failed[/]");
    }
}
