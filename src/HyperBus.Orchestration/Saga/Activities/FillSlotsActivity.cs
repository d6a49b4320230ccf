using HyperBus.Contracts;
using HyperBus.Orchestration.Faults;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// After a study's message: fills the free slots with new trials, and ends the study once nothing runs and
/// nothing more will: Completed, or Failed when no trial could complete or the sampler broke.
/// </summary>
public sealed class FillSlotsActivity<TMessage>(StudyLoader loader, SlotFiller filler, StudyCloser closer, StudyTransaction transaction, ILogger<FillSlotsActivity<TMessage>> logger)
    : StudyActivity<TMessage>
    where TMessage : class
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TMessage> context)
    {
        if (context.Saga.Next is StudyEnd.Rejected or StudyEnd.Paused || await loader.GetAsync(context.Saga.CorrelationId, context.CancellationToken) is not { } study)
        {
            return;
        }

        int created;
        try
        {
            created = filler.Fill(study, transaction);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A sampler that throws would throw again on every message: end the study instead of looping.
            logger.LogError("Study {Study}: the sampler failed ({Error}); the study ends as failed", study.Spec.Name, e.Message);
            closer.End(study, StudyOutcome.Failed, transaction);
            context.Saga.Next = StudyEnd.Failed;
            return;
        }

        if (created > 0 && transaction.FaultPoint is null && context.Message is TrialCompleted or TrialFailed)
        {
            transaction.FaultPoint = context.Message is TrialCompleted ? FaultPoint.OutcomeCommitted : FaultPoint.RetryCommitted;
        }

        if (!study.IsDone)
        {
            return;
        }

        var failed = StudyProgress.NothingCompleted(study);
        closer.End(study, failed ? StudyOutcome.Failed : StudyOutcome.Completed, transaction);
        context.Saga.Next = failed ? StudyEnd.Failed : StudyEnd.Completed;
        transaction.FaultPoint = FaultPoint.LastOutcomeCommitted;
    }
}
