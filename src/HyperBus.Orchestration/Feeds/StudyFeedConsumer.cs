using HyperBus.Contracts;
using MassTransit;

namespace HyperBus.Orchestration.Feeds;

/// <summary>Copies study events from the bus into the <see cref="StudyFeed"/>.</summary>
public sealed class StudyFeedConsumer :
    IConsumer<StudySubmitted>,
    IConsumer<StudyRejected>,
    IConsumer<StudyProgressed>,
    IConsumer<StudyCompleted>
{
    private readonly StudyFeed _feed;

    public StudyFeedConsumer(StudyFeed feed)
    {
        _feed = feed;
    }

    public Task Consume(ConsumeContext<StudySubmitted> context) => Post(context.Message.StudyId, context.Message);

    public Task Consume(ConsumeContext<StudyRejected> context) => Post(context.Message.StudyId, context.Message);

    public Task Consume(ConsumeContext<StudyProgressed> context) => Post(context.Message.StudyId, context.Message);

    public Task Consume(ConsumeContext<StudyCompleted> context) => Post(context.Message.StudyId, context.Message);

    private Task Post(Guid studyId, object message)
    {
        _feed.Post(studyId, message);
        return Task.CompletedTask;
    }
}
