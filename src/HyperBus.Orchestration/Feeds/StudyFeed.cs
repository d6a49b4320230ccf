using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HyperBus.Orchestration.Feeds;

/// <summary>Study events for whoever follows a study in this process (the CLI's progress bar).</summary>
public sealed class StudyFeed
{
    private readonly ConcurrentDictionary<Guid, Channel<object>> _followers = new();

    /// <summary>Start following a study; call before submitting it so no event is missed.</summary>
    public ChannelReader<object> Follow(Guid studyId) =>
        _followers.GetOrAdd(studyId, _ => Channel.CreateUnbounded<object>()).Reader;

    public void Unfollow(Guid studyId) => _followers.TryRemove(studyId, out _);

    public void Post(Guid studyId, object message)
    {
        if (_followers.TryGetValue(studyId, out var channel))
        {
            channel.Writer.TryWrite(message);
        }
    }
}
