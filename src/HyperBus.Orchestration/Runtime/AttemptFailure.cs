using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Records a failed attempt under the study's trial policy: its retry strategy decides whether the trial gets another
/// attempt and after what backoff (the waiting attempt is stored with its due time); otherwise the trial fails for good.
/// </summary>
public sealed class AttemptFailure(StudyTransaction transaction, TrialPolicies policies, PoolVerdicts pools, TimeProvider time, ILogger<AttemptFailure> logger)
{
    /// <summary>Set when the failure found the study's trainer pool broken: the study pauses with this reason.</summary>
    public string? PauseReason => pools.PauseReason;

    public void Record(StudyRuntime study, Trial trial, string error, bool retryable)
    {
        var now = time.GetUtcNow();
        study.Deadlines.TryRemove((trial.Id, trial.Attempt), out _);
        study.Workers.TryRemove((trial.Id, trial.Attempt), out _);
        // A failure the trainer called permanent is the trial's own; the others count against the trainer pool too.
        var poolsFault = retryable && pools.Failed(study, trial, error);
        if (poolsFault)
        {
            var excused = (trial.Attempt - PoolVerdicts.CountedAttempt(trial) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            transaction.Write(w => w.SetTrialAttribute(trial.Id, PoolVerdicts.PoolFailuresKey, excused));
            trial = trial with { Attributes = new Dictionary<string, string>(trial.Attributes, StringComparer.Ordinal) { [PoolVerdicts.PoolFailuresKey] = excused } };
        }

        // The pool's failures wait for its probe; the trial's own are retried as its retry strategy says.
        var wait = poolsFault
            ? policies.Pool(study).BreakDuration
            : policies.RetryDelay(study, trial with { Attempt = PoolVerdicts.CountedAttempt(trial) }, new FailedAttempt(error, retryable));
        if (wait is { } delay)
        {
            transaction.Write(w => w.RetryTrial(trial.Id, trial.Attempt, error, now));
            var retry = trial with { Attempt = trial.Attempt + 1, Reports = [], StartedAt = null };
            study.Replace(retry);
            logger.LogInformation("Trial {Number} of {Study} failed ({Error}); attempt {Attempt} of {Max} in {Delay:0.###} s", trial.Number, study.Spec.Name, error,
                retry.Attempt, study.Spec.MaxAttempts, delay.TotalSeconds);
            if (delay > TimeSpan.Zero)
            {
                TrialDispatch.Schedule(transaction, study, retry, now + delay);
            }
            else
            {
                TrialDispatch.Request(transaction, policies, study, retry, now);
            }

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
