using HyperBus.Contracts;
using Spectre.Console;

namespace HyperBus.Cli.Output;

/// <summary>The progress bar shown while a study runs: trials done, best so far, elapsed time.</summary>
public sealed class ProgressView
{
    private readonly IAnsiConsole _console;
    private readonly string _study;
    private readonly string _metric;

    public ProgressView(IAnsiConsole console, string study, string metric)
    {
        _console = console;
        _study = study;
        _metric = metric;
    }

    /// <summary>Shows the bar while <paramref name="run"/> works, which calls the callback on each progress event.</summary>
    public Task<T> ShowAsync<T>(int total, Func<Action<StudyProgressed>, Task<T>> run) =>
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Describe(0, total, null), maxValue: total);
                var result = await run(p =>
                {
                    var done = p.Completed + p.Pruned + p.Failed;
                    if (p.Target > 0)
                    {
                        task.MaxValue = p.Target; // the host's count is the truth (a grid's size, an enqueue-shortened study)
                    }

                    task.Value = done;
                    task.Description = Describe(done, p.Target, p.BestValue) + (p.Warning is { } warning ? $"\n[yellow]{Markup.Escape(WarningLine(warning))}[/]" : "");
                });
                task.Value = task.MaxValue;
                return result;
            });

    /// <summary>A paused study's reason reads as it is ("paused: trainer KIND failing: ERROR"); anything else is what the trials wait for.</summary>
    public static string WarningLine(string warning) => warning.StartsWith("paused", StringComparison.Ordinal) ? warning : $"waiting: {warning}";

    private string Describe(int done, int total, double? best) =>
        $"{Markup.Escape(_study)} {done}/{total} trials, best {Markup.Escape(_metric)} " +
        (best is { } b ? $"[bold green]{ValueFormat.Significant(b)}[/]" : "-");
}
