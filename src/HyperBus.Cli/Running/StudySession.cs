using HyperBus.Cli.Output;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Feeds;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
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
        var feed = services.GetRequiredService<StudyFeed>();
        var studyId = await SubmitAsync(services, spec, before: id => feed.Follow(id), cancellationToken);
        if (json)
        {
            return await StudyFollower.FollowAsync(feed, studyId, _ => { }, cancellationToken);
        }

        var view = new ProgressView(AnsiConsole.Console, spec.Name, spec.Metric);
        return await view.ShowAsync(spec.Trials, onProgress => StudyFollower.FollowAsync(feed, studyId, onProgress, cancellationToken));
    }

    /// <summary>Sends the study to the host's queue and returns its id; <paramref name="before"/> runs first (to follow it without missing an event).</summary>
    public static async Task<Guid> SubmitAsync(IServiceProvider services, StudySpec spec, Action<Guid>? before, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var studyId = Guid.CreateVersion7(time.GetUtcNow());
        before?.Invoke(studyId);
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{MessageNames.HostQueue}"));
        await endpoint.Send(new SubmitStudy(studyId, spec.Document, time.GetUtcNow()), cancellationToken);
        return studyId;
    }

    public static void Print(StudySpec spec, StudyCompleted completed, bool json)
    {
        var summary = new StudySummary(completed.Name, completed.StudyId, completed.Outcome.ToString(), spec.Direction.ToString().ToLowerInvariant(),
            spec.Metric, completed.BestValue, completed.BestTrialNumber, completed.BestParams,
            new TrialCounts(completed.Completed, completed.Pruned, completed.Failed), Math.Round(completed.DurationSeconds, 3));
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
