using HyperBus.Core.Trials;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Tells an outcome for the current attempt of a running trial from a late, duplicate or stale one, which is dropped and counted.</summary>
public static class StaleMessages
{
    /// <summary>The trial when the message is about its current, unfinished attempt; otherwise null, with the drop logged and counted.</summary>
    public static Trial? Current(StudyRuntime study, StudyTransaction transaction, Guid trialId, int attempt, string what, ILogger logger)
    {
        var trial = study.Find(trialId);
        var reason = trial is null ? DropReasons.UnknownTrial
            : trial.IsFinished ? DropReasons.TrialFinished
            : trial.Attempt != attempt ? DropReasons.StaleAttempt
            : null;
        if (reason is null)
        {
            return trial;
        }

        Drop(study.StudyId, study.Spec.Name, transaction, what, trialId, attempt, reason, trial is null ? null : $"trial {trial.Number} is at attempt {trial.Attempt}, {trial.State}", logger);
        return null;
    }

    public static void Drop(Guid studyId, string study, StudyTransaction transaction, string what, Guid trialId, int attempt, string reason, string? detail, ILogger logger)
    {
        transaction.CountDrop(studyId, reason, what);
        logger.LogWarning("Dropped {What} for trial {Trial} attempt {Attempt} of {Study}: {Reason}{Detail}", what, trialId, attempt, study, reason,
            detail is null ? string.Empty : $" ({detail})");
    }
}
