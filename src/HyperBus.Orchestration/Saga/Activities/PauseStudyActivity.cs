using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Pauses a study: no new trials until it is resumed; outcomes of the trials in flight are still recorded.</summary>
public sealed class PauseStudyActivity(StudyLoader loader, StudyTransaction transaction, ILogger<PauseStudyActivity> logger) : StudyActivity<PauseStudy>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, PauseStudy> context)
    {
        var id = context.Saga.CorrelationId;
        context.Saga.PauseReason = context.Message.Reason ?? "paused";
        transaction.Write(w => w.SetStudyStatus(id, StudyStatus.Paused, null));
        if (context.Message.Reason is { } reason && await loader.GetAsync(id, context.CancellationToken) is { } study)
        {
            study.PauseReason = reason;
            // Progress displays show the warning, so a follower sees why nothing moves.
            transaction.Publish(id, TrialMessages.Progress(study) with { Warning = reason });
        }

        logger.LogWarning("Study {Study} paused: {Reason}", id, context.Saga.PauseReason);
    }
}
