using HyperBus.Contracts;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Saga.Activities;
using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>
/// One instance per study: Running, Paused, and the ends Completed, Failed and Cancelled (a cancelled study can be
/// resumed). Each event is handled by small activities with one job each; the instance and everything an event
/// changed are saved in one store transaction by the study saga repository, and the messages sent are relayed
/// from the outbox after that commit.
/// </summary>
public sealed class StudyStateMachine : MassTransitStateMachine<StudyState>
{
    public StudyStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Submitted, e => e.CorrelateById(m => m.Message.StudyId));
        Event(() => CancelRequested, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Discard()));
        Event(() => PauseRequested, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Discard()));
        Event(() => ResumeRequested, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Discard()));
        Event(() => TrialStarted, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Execute(UnknownStudy.Drop)));
        Event(() => TrialReported, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.ExecuteAsync(UnknownStudy.AnswerStopAsync)));
        Event(() => TrialCompleted, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Execute(UnknownStudy.Drop)));
        Event(() => TrialFailed, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Execute(UnknownStudy.Drop)));
        Event(() => AttemptDue, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Discard()));
        Event(() => HedgeDue, e => e.CorrelateById(m => m.Message.StudyId).OnMissingInstance(m => m.Discard()));

        Initially(
            When(Submitted)
                .Activity(x => x.OfType<AdmitStudyActivity>())
                .Activity(x => x.OfType<FillSlotsActivity<SubmitStudy>>())
                .MoveOn(this));

        During(Running,
            When(TrialStarted).Activity(x => x.OfType<RecordStartActivity>()),
            When(TrialReported).Activity(x => x.OfType<RouteReportActivity>()),
            When(TrialCompleted)
                .Activity(x => x.OfType<RecordOutcomeActivity>())
                .Activity(x => x.OfType<FillSlotsActivity<TrialCompleted>>())
                .MoveOn(this),
            When(TrialFailed)
                .Activity(x => x.OfType<RecordFailureActivity>())
                .Activity(x => x.OfType<FillSlotsActivity<TrialFailed>>())
                .MoveOn(this),
            When(PauseRequested).Activity(x => x.OfType<PauseStudyActivity>()).TransitionTo(Paused),
            When(HedgeDue).Activity(x => x.OfType<HedgeAttemptActivity>()));

        // A retry waiting out its backoff belongs to a trial already in flight, so it goes out while paused too.
        During(Running, Paused, When(AttemptDue).Activity(x => x.OfType<DispatchAttemptActivity>()));

        During(Paused,
            When(TrialStarted).Activity(x => x.OfType<RecordStartActivity>()),
            When(TrialReported).Activity(x => x.OfType<RouteReportActivity>()),
            When(TrialCompleted).Activity(x => x.OfType<RecordOutcomeActivity>()),
            When(TrialFailed).Activity(x => x.OfType<RecordFailureActivity>()),
            Ignore(PauseRequested),
            Ignore(HedgeDue));

        // Running too: a tune resumes a study its killed predecessor left running.
        During(Running, Paused, Cancelled,
            When(ResumeRequested)
                .Activity(x => x.OfType<ResumeStudyActivity>())
                .Activity(x => x.OfType<FillSlotsActivity<ResumeStudy>>())
                .MoveOn(this));

        // A redelivered or repeated submit of a stored study changes nothing.
        During(Running, Paused,
            When(CancelRequested).Activity(x => x.OfType<CancelStudyActivity>()).TransitionTo(Cancelled),
            Ignore(Submitted));

        During(Completed, Failed, Cancelled,
            When(TrialStarted).Activity(x => x.OfType<DropLateMessageActivity<TrialStarted>>()),
            When(TrialReported).Activity(x => x.OfType<DropLateMessageActivity<TrialReported>>()),
            When(TrialCompleted).Activity(x => x.OfType<DropLateMessageActivity<TrialCompleted>>()),
            When(TrialFailed).Activity(x => x.OfType<DropLateMessageActivity<TrialFailed>>()),
            Ignore(AttemptDue),
            Ignore(HedgeDue),
            Ignore(CancelRequested),
            Ignore(PauseRequested),
            Ignore(Submitted));

        During(Completed, Failed, Ignore(ResumeRequested));

        // Only a rejected submit is finalized: nothing of it is stored, but its StudyRejected still leaves via the outbox.
        SetCompletedWhenFinalized();
    }

    public State Running { get; private set; } = null!;

    public State Paused { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<SubmitStudy> Submitted { get; private set; } = null!;

    public Event<CancelStudy> CancelRequested { get; private set; } = null!;

    public Event<PauseStudy> PauseRequested { get; private set; } = null!;

    public Event<ResumeStudy> ResumeRequested { get; private set; } = null!;

    public Event<TrialStarted> TrialStarted { get; private set; } = null!;

    public Event<TrialReported> TrialReported { get; private set; } = null!;

    public Event<TrialCompleted> TrialCompleted { get; private set; } = null!;

    public Event<TrialFailed> TrialFailed { get; private set; } = null!;

    public Event<AttemptDue> AttemptDue { get; private set; } = null!;

    public Event<Policies.Hedging.HedgeDue> HedgeDue { get; private set; } = null!;
}
