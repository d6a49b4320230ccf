using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Feeds;

namespace HyperBus.Cli.Running;

/// <summary>Waits for a submitted study to end, passing progress on as it comes.</summary>
public static class StudyFollower
{
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
