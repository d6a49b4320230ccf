using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Ends a study as cancelled and tells the workers of its trials in flight to stop; the trials stay as they are, so a resume picks them up.</summary>
public sealed class CancelStudyActivity(StudyLoader loader, StudyCloser closer, StudyTransaction transaction, ILogger<CancelStudyActivity> logger) : StudyActivity<CancelStudy>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, CancelStudy> context)
    {
        if (await loader.GetAsync(context.Saga.CorrelationId, context.CancellationToken) is not { } study)
        {
            return;
        }

        logger.LogInformation("Study {Name} cancelled{Reason}", study.Spec.Name, context.Message.Reason is { } r ? $": {r}" : string.Empty);
        foreach (var ((trialId, attempt), worker) in study.Workers)
        {
            var step = study.Find(trialId)?.LastReport?.Step ?? 0;
            transaction.Decide(new TrialDecision(study.StudyId, trialId, attempt, step, TrialAction.Stop, null, null), worker);
        }

        closer.End(study, StudyOutcome.Cancelled, transaction);
        study.Deadlines.Clear();
    }
}
