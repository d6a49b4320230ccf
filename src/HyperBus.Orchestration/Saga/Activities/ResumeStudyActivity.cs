using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// Resumes a paused or cancelled study from the store. Its trials still marked running are requested again with
/// the same attempt when their requests cannot still be waiting (the study was cancelled, or the bus is in process),
/// so no trial is lost and a late outcome of the old request still counts once.
/// </summary>
public sealed class ResumeStudyActivity(StudyLoader loader, StudyTransaction transaction, Policies.TrialPolicies policies, HyperBusOptions options, TimeProvider time, ILogger<ResumeStudyActivity> logger)
    : StudyActivity<ResumeStudy>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, ResumeStudy> context)
    {
        var id = context.Saga.CorrelationId;
        var wasCancelled = context.Saga.CurrentState == nameof(StudyStateMachine.Cancelled);
        if (await loader.LoadAsync(id, context.CancellationToken, cancelled: true) is not { } study)
        {
            return;
        }

        // Paused by its trainer pool: every retry held back for the pool goes now, whatever time it was put off to.
        var pausedByPool = context.Saga.PauseReason?.StartsWith(Policies.TrainerPool.PauseReasonPrefix, StringComparison.Ordinal) == true;
        context.Saga.PauseReason = null;
        study.PauseReason = null;
        context.Saga.Next = Saga.StudyEnd.Running;
        transaction.Write(w => w.SetStudyStatus(id, StudyStatus.Running, null));
        if (wasCancelled || options.Transport == BusTransport.InMemory)
        {
            var now = time.GetUtcNow();
            // A retry still waiting out its backoff keeps its schedule: the attempt scheduler requests it when due.
            foreach (var trial in study.Trials.Where(t => !t.IsFinished && !study.Waiting.ContainsKey((t.Id, t.Attempt))))
            {
                TrialDispatch.Request(transaction, policies, study, trial, now);
            }
        }

        // Retries whose wait is over go now; later ones keep their time (a restart keeps the schedule).
        var resumedAt = time.GetUtcNow();
        foreach (var ((trialId, attempt), due) in study.Waiting)
        {
            if ((due <= resumedAt || pausedByPool) && study.Find(trialId) is { IsFinished: false } waiting && waiting.Attempt == attempt)
            {
                TrialDispatch.Request(transaction, policies, study, waiting, resumedAt);
            }
        }

        // Announced again, so a follower can tell this run's events from ones relayed again from before it.
        transaction.Publish(id, new StudySubmitted(id, study.Spec.Name, study.Spec.Trainer, study.Spec.Trials, time.GetUtcNow()));
        logger.LogInformation("Study {Name} resumed with {Trials} trials stored", study.Spec.Name, study.Trials.Count);
    }
}
