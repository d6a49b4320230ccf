using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Queues a trial's request in the transaction and arms its deadline.</summary>
public static class TrialDispatch
{
    public static void Request(StudyTransaction transaction, StudyRuntime study, Trial trial, DateTimeOffset now)
    {
        var deadline = study.ExtendDeadline(trial.Id, trial.Attempt, now, started: false);
        transaction.Request(study.StudyId, study.Spec.Trainer, TrialMessages.Request(study, trial, deadline));
    }
}
