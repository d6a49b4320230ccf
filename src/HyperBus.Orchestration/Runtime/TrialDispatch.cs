using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Queues a trial's request in the transaction and arms its deadline, or puts the attempt off until it is due.</summary>
public static class TrialDispatch
{
    public static void Request(StudyTransaction transaction, StudyRuntime study, Trial trial, DateTimeOffset now)
    {
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
