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
    /// <param name="submitted">Told the study's id as soon as it is sent (to cancel it on an interrupt).</param>
    public static async Task<StudyCompleted> RunAsync(IServiceProvider services, JsonElement spec, Action<StudyProgressed> onProgress, CancellationToken cancellationToken, Action<Guid>? submitted = null)
    {
        var feed = services.GetRequiredService<StudyFeed>();
        // Follow first: a quick study may end before a subscription made after the send would see it.
        var studyId = await SubmitAsync(services, spec, before: id => { feed.Follow(id); submitted?.Invoke(id); }, cancellationToken);
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
        await SendAsync(services, message, cancellationToken);
        return studyId;
    }

    /// <summary>Resumes a stored study that is paused, cancelled or was left running by a process that died, and follows it to its end.</summary>
    public static async Task<StudyCompleted> ResumeAsync(IServiceProvider services, Guid studyId, Action<StudyProgressed> onProgress, CancellationToken cancellationToken)
    {
        var feed = services.GetRequiredService<StudyFeed>();
        feed.Follow(studyId);
        await SendAsync(services, new ResumeStudy(studyId), cancellationToken);
        // Events relayed again from before the resume (at-least-once) must not end it: wait for the host's StudySubmitted.
        return await FollowAsync(feed, studyId, onProgress, cancellationToken, afterSubmitted: true);
    }

    /// <summary>Asks the host to resume a paused or cancelled study, without following it.</summary>
    public static Task SendResumeAsync(IServiceProvider services, Guid studyId, CancellationToken cancellationToken) =>
        SendAsync(services, new ResumeStudy(studyId), cancellationToken);

    /// <summary>Asks the host to end the study as cancelled (its trials in flight are told to stop).</summary>
    public static Task CancelAsync(IServiceProvider services, Guid studyId, string reason, CancellationToken cancellationToken) =>
        SendAsync(services, new CancelStudy(studyId, reason), cancellationToken);

    private static async Task SendAsync<T>(IServiceProvider services, T command, CancellationToken cancellationToken)
        where T : class
    {
        var queue = services.GetService<Hosting.HyperBusOptions>()?.HostQueue ?? MessageNames.HostQueue;
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(command, cancellationToken);
    }

    /// <summary>The study's completion; throws <see cref="SpecException"/> when the host rejected it.</summary>
    /// <param name="afterSubmitted">Ignore events until the host announces the study (a resumed one) with StudySubmitted.</param>
    public static async Task<StudyCompleted> FollowAsync(StudyFeed feed, Guid studyId, Action<StudyProgressed> onProgress, CancellationToken cancellationToken, bool afterSubmitted = false)
    {
        var events = feed.Follow(studyId);
        var announced = !afterSubmitted;
        try
        {
            await foreach (var message in events.ReadAllAsync(cancellationToken))
            {
                if (!announced)
                {
                    announced = message is StudySubmitted;
                    continue;
                }

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
