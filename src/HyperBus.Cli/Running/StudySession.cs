using HyperBus.Cli.Output;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Submission;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace HyperBus.Cli.Running;

/// <summary>
/// Submits (or resumes) a study on a started host, follows it with a progress bar (or silently with --json) and
/// prints the result. Ctrl-C cancels the study and says how to go on with it.
/// </summary>
public static class StudySession
{
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(15);

    /// <param name="resume">A stored study to go on with instead of submitting a new one.</param>
    /// <param name="resumeHint">The command that resumes the study after a Ctrl-C.</param>
    public static async Task<int> RunAsync(IHost host, StudySpec spec, bool json, CancellationToken cancellationToken, Guid? resume = null, string? resumeHint = null)
    {
        await host.StartAsync(cancellationToken);
        using var interrupts = new Interrupts();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupts.First);
        Guid? studyId = resume;
        try
        {
            var completed = await FollowAsync(host.Services, spec, json, resume, id => studyId = id, linked.Token);
            Print(spec, completed, json);
            return completed.Outcome == StudyOutcome.Completed ? CommandRunner.Ok : CommandRunner.Failure;
        }
        catch (OperationCanceledException) when (interrupts.First.IsCancellationRequested && studyId is { } id)
        {
            return await CancelAsync(host.Services, spec, id, resumeHint);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public static Task<StudyCompleted> SubmitAndFollowAsync(IServiceProvider services, StudySpec spec, bool json, CancellationToken cancellationToken) =>
        FollowAsync(services, spec, json, resume: null, _ => { }, cancellationToken);

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
            Metrics = System.Text.Json.Nodes.JsonNode.Parse(spec.Document.GetRawText()) is System.Text.Json.Nodes.JsonObject document
                ? ObjectiveNamesSpecReader.Stored(document)
                : null,
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

    private static async Task<StudyCompleted> FollowAsync(IServiceProvider services, StudySpec spec, bool json, Guid? resume, Action<Guid> submitted, CancellationToken cancellationToken)
    {
        Task<StudyCompleted> Run(Action<StudyProgressed> onProgress)
        {
            if (resume is { } id)
            {
                return StudySubmitter.ResumeAsync(services, id, onProgress, cancellationToken);
            }

            return StudySubmitter.RunAsync(services, spec.Document, onProgress, cancellationToken, submitted);
        }

        if (json)
        {
            return await Run(_ => { });
        }

        var view = new ProgressView(AnsiConsole.Console, spec.Name, spec.Metric);
        return await view.ShowAsync(PlannedTrials.Of(spec), Run);
    }

    /// <summary>Cancels the study on the host, waits a little for it to say so, and tells the user how to resume.</summary>
    private static async Task<int> CancelAsync(IServiceProvider services, StudySpec spec, Guid studyId, string? resumeHint)
    {
        using var wait = new CancellationTokenSource(CancelWait);
        try
        {
            var feed = services.GetService(typeof(Orchestration.Feeds.StudyFeed)) as Orchestration.Feeds.StudyFeed;
            var ended = feed is null ? null : StudySubmitter.FollowAsync(feed, studyId, _ => { }, wait.Token);
            await StudySubmitter.CancelAsync(services, studyId, "interrupted (Ctrl-C)", wait.Token);
            if (ended is not null)
            {
                await ended;
            }

            Console.Error.WriteLine($"cancelled study {spec.Name} ({studyId}); its trials so far are kept");
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"cancel sent for study {spec.Name} ({studyId}); the host did not confirm within {CancelWait.TotalSeconds:0} s");
        }

        Console.Error.WriteLine($"to resume it: {resumeHint ?? "run the same command again"}");
        return Interrupts.ExitCode;
    }
}
