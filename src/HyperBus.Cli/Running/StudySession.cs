using HyperBus.Cli.Output;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Submission;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace HyperBus.Cli.Running;

/// <summary>Submits a study on a started host, follows it with a progress bar (or silently with --json) and prints the result.</summary>
public static class StudySession
{
    public static async Task<int> RunAsync(IHost host, StudySpec spec, bool json, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken);
        try
        {
            var completed = await SubmitAndFollowAsync(host.Services, spec, json, cancellationToken);
            Print(spec, completed, json);
            return completed.Outcome == StudyOutcome.Completed ? CommandRunner.Ok : CommandRunner.Failure;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public static async Task<StudyCompleted> SubmitAndFollowAsync(IServiceProvider services, StudySpec spec, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            return await StudySubmitter.RunAsync(services, spec.Document, _ => { }, cancellationToken);
        }

        var view = new ProgressView(AnsiConsole.Console, spec.Name, spec.Metric);
        return await view.ShowAsync(PlannedTrials.Of(spec), onProgress => StudySubmitter.RunAsync(services, spec.Document, onProgress, cancellationToken));
    }

    /// <summary>Sends the study to the host's queue and returns its id.</summary>
    public static Task<Guid> SubmitAsync(IServiceProvider services, StudySpec spec, CancellationToken cancellationToken) =>
        StudySubmitter.SubmitAsync(services, spec.Document, before: null, cancellationToken);

    public static void Print(StudySpec spec, StudyCompleted completed, bool json)
    {
        var summary = new StudySummary(completed.Name, completed.StudyId, completed.Outcome.ToString().ToLowerInvariant(), spec.Direction.ToString().ToLowerInvariant(),
            spec.Metric, completed.BestValue, completed.BestTrialNumber, completed.BestParams,
            new TrialCounts(completed.Completed, completed.Pruned, completed.Failed), Math.Round(completed.DurationSeconds, 3))
        {
            Directions = spec.Directions.Count > 1 ? [.. spec.Directions.Select(d => d.ToString().ToLowerInvariant())] : null,
            ParetoFront = completed.ParetoFront is { } front
                ? new ParetoFrontSummary(front.Count, [.. front.Select(t => new ParetoFrontTrial(t.Number, t.Values, t.Params))])
                : null,
        };
        if (json)
        {
            SummaryView.WriteJson(Console.Out, summary);
        }
        else
        {
            SummaryView.WriteTable(AnsiConsole.Console, summary);
        }
    }
}
