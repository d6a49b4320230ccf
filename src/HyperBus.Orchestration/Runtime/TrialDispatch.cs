using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Queues a trial's request in the transaction and arms its deadline, or puts the attempt off until it is due.</summary>
public static class TrialDispatch
{
    /// <summary>Requests the attempt now, or, beyond its trainer pool's rate limit, stores it as waiting for its slot.</summary>
    public static void Request(StudyTransaction transaction, TrialPolicies policies, StudyRuntime study, Trial trial, DateTimeOffset now)
    {
        if (RateLimitedRequest.Hold(transaction, policies, study, trial, now))
        {
            return;
        }

        if (study.Waiting.TryRemove((trial.Id, trial.Attempt), out _))
        {
            transaction.Write(w => w.MarkScheduledAttemptRequested(trial.Id, trial.Attempt, now));
        }

        var deadline = study.ExtendDeadline(trial.Id, trial.Attempt, now, started: false);
        study.Hedges.Requested(trial.Id, trial.Attempt, now);
        transaction.Request(study.StudyId, study.Spec.Trainer, TrialMessages.Request(study, trial, deadline));
    }

    /// <summary>Stores the attempt as waiting until <paramref name="dueAt"/>; the attempt scheduler has it requested then.</summary>
    public static void Schedule(StudyTransaction transaction, StudyRuntime study, Trial trial, DateTimeOffset dueAt)
    {
        transaction.Write(w => w.ScheduleAttempt(trial.Id, trial.Attempt, dueAt));
        study.Waiting[(trial.Id, trial.Attempt)] = dueAt;
    }
}
