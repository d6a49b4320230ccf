using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Records a failed attempt: retried under the retry rule, or the trial fails for good.</summary>
public sealed class RecordFailureActivity(StudyLoader loader, StudyTransaction transaction, AttemptFailure failure, TimeProvider time, ILogger<RecordFailureActivity> logger) : StudyActivity<TrialFailed>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TrialFailed> context)
    {
        var m = context.Message;
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is { } study &&
            Policies.Hedging.HedgedAttempts.Failed(study, transaction, m, time.GetUtcNow(), logger) is { } trial)
        {
            failure.Record(study, trial, m.Error, m.Retryable);
            if (failure.PauseReason is { } reason)
            {
                StudyPause.Apply(context.Saga, transaction, study, reason);
            }
        }
    }
}
