using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>The retry rule: a retryable failure below <c>maxAttempts</c> gets another attempt at once; otherwise the trial fails for good.</summary>
public sealed class AttemptFailure(StudyTransaction transaction, TimeProvider time, ILogger<AttemptFailure> logger)
{
    public void Record(StudyRuntime study, Trial trial, string error, bool retryable)
    {
        var now = time.GetUtcNow();
        study.Deadlines.TryRemove((trial.Id, trial.Attempt), out _);
        study.Workers.TryRemove((trial.Id, trial.Attempt), out _);
        if (retryable && trial.Attempt < study.Spec.MaxAttempts)
        {
            transaction.Write(w => w.RetryTrial(trial.Id, trial.Attempt, error, now));
            var retry = trial with { Attempt = trial.Attempt + 1, Reports = [], StartedAt = null };
            study.Replace(retry);
            logger.LogInformation("Trial {Number} of {Study} failed ({Error}); attempt {Attempt} of {Max}", trial.Number, study.Spec.Name, error, retry.Attempt, study.Spec.MaxAttempts);
            TrialDispatch.Request(transaction, study, retry, now);
            transaction.FaultPoint = Faults.FaultPoint.RetryCommitted;
            return;
        }

        logger.LogWarning("Trial {Number} of {Study} failed for good: {Error}", trial.Number, study.Spec.Name, error);
        var outcome = new TrialOutcome(TrialState.Failed, null, now, 0, Error: error);
        transaction.Write(w => w.FinishTrial(trial.Id, trial.Attempt, outcome));
        study.Replace(trial with { State = TrialState.Failed, FinishedAt = now });
        StudyProgress.Publish(transaction, study, now);
    }
}
