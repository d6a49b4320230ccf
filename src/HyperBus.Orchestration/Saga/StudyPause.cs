using HyperBus.Core.Storage;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Saga;

/// <summary>Pauses a running study from within the message being handled (its trainer pool is failing), saying why.</summary>
public static class StudyPause
{
    public static void Apply(StudyState saga, StudyTransaction transaction, StudyRuntime study, string reason)
    {
        if (saga.CurrentState != nameof(StudyStateMachine.Running))
        {
            return;
        }

        saga.PauseReason = reason;
        study.PauseReason = reason;
        saga.Next = StudyEnd.Paused;
        transaction.Write(w => w.SetStudyStatus(study.StudyId, StudyStatus.Paused, null));
        // Progress displays show the warning, so a follower sees why nothing moves.
        transaction.Publish(study.StudyId, TrialMessages.Progress(study) with { Warning = reason });
    }
}
