using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Feeds;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Orchestration.Submission;

/// <summary>
/// Sends a study to a HyperBus host over a started bus and follows it to its end: what <c>hyperbus submit --wait</c>,
/// <c>hyperbus tune</c> and <c>HyperBusClient</c> share. The services must come from a bus with <c>Watch</c> on.
/// </summary>
public static class StudySubmitter
{
    /// <summary>Submits the study, then waits for its completion, passing progress on; throws <see cref="SpecException"/> when the host rejects it.</summary>
    public static async Task<StudyCompleted> RunAsync(IServiceProvider services, JsonElement spec, Action<StudyProgressed> onProgress, CancellationToken cancellationToken)
    {
        var feed = services.GetRequiredService<StudyFeed>();
        // Follow first: a quick study may end before a subscription made after the send would see it.
        var studyId = await SubmitAsync(services, spec, before: id => feed.Follow(id), cancellationToken);
        return await FollowAsync(feed, studyId, onProgress, cancellationToken);
    }

    /// <summary>Sends the study to the host's queue and returns its id; <paramref name="before"/> runs first (to follow it without missing an event).</summary>
    public static async Task<Guid> SubmitAsync(IServiceProvider services, JsonElement spec, Action<Guid>? before, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var studyId = Guid.CreateVersion7(time.GetUtcNow());
        var message = new SubmitStudy(studyId, spec, time.GetUtcNow());
        SubmissionSize.EnsureFits(message, services.GetService<Hosting.HyperBusOptions>());
        before?.Invoke(studyId);
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{MessageNames.HostQueue}"));
        await endpoint.Send(message, cancellationToken);
        return studyId;
    }

    /// <summary>The study's completion; throws <see cref="SpecException"/> when the host rejected it.</summary>
    public static async Task<StudyCompleted> FollowAsync(StudyFeed feed, Guid studyId, Action<StudyProgressed> onProgress, CancellationToken cancellationToken)
    {
        var events = feed.Follow(studyId);
        try
        {
            await foreach (var message in events.ReadAllAsync(cancellationToken))
            {
                switch (message)
                {
                    case StudyProgressed progress:
                        onProgress(progress);
                        break;
                    case StudyCompleted completed:
                        return completed;
                    case StudyRejected rejected:
                        throw new SpecException(rejected.Errors.Select(e => new SpecError("host", e)).ToList());
                }
            }

            throw new InvalidOperationException("the study feed closed before the study ended");
        }
        finally
        {
            feed.Unfollow(studyId);
        }
    }
}
