using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>
/// One instance per study. A study starts on SubmitStudy; trial events keep it running until the conductor
/// says it ended. Trial events are also accepted with no instance (in Initial): after a host restart the
/// first event for a study recreates its instance from the store, so outcomes that arrived while the
/// host was down are not lost.
/// </summary>
public sealed class StudyStateMachine : MassTransitStateMachine<StudyState>
{
    public StudyStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Submitted, e => e.CorrelateById(m => m.Message.StudyId));
        Event(() => Cancelled, e =>
        {
            e.CorrelateById(m => m.Message.StudyId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Started, e => e.CorrelateById(m => m.Message.StudyId));
        Event(() => Reported, e => e.CorrelateById(m => m.Message.StudyId));
        Event(() => Completed, e => e.CorrelateById(m => m.Message.StudyId));
        Event(() => Failed, e => e.CorrelateById(m => m.Message.StudyId));

        Initially(
            When(Submitted).Step((c, ctx) => c.SubmitAsync(ctx.Message, ctx)));

        During(Initial, Running,
            When(Started).Step((c, ctx) => c.StartedAsync(ctx.Message, ctx)),
            When(Reported).Step((c, ctx) => c.ReportedAsync(ctx.Message, ctx)),
            When(Completed).Step((c, ctx) => c.CompletedAsync(ctx.Message, ctx)),
            When(Failed).Step((c, ctx) => c.FailedAsync(ctx.Message, ctx)));

        During(Running,
            Ignore(Submitted),
            When(Cancelled).Step((c, ctx) => c.CancelAsync(ctx.Message, ctx)));

        SetCompletedWhenFinalized();
    }

    public State Running { get; private set; } = null!;

    public Event<SubmitStudy> Submitted { get; private set; } = null!;

    public Event<CancelStudy> Cancelled { get; private set; } = null!;

    public Event<TrialStarted> Started { get; private set; } = null!;

    public Event<TrialReported> Reported { get; private set; } = null!;

    public Event<TrialCompleted> Completed { get; private set; } = null!;

    public Event<TrialFailed> Failed { get; private set; } = null!;
}
