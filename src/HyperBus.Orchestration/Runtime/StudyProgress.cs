using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Publishes the study's counts at most every 100 ms (and always at the end), so progress events never cap trial throughput.</summary>
public static class StudyProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static void Publish(StudyTransaction transaction, StudyRuntime study, DateTimeOffset now)
    {
        if (now - study.LastProgressAt < Interval && !study.IsDone)
        {
            return;
        }

        study.LastProgressAt = now;
        transaction.Publish(study.StudyId, TrialMessages.Progress(study));
    }

    /// <summary>True when the study could produce no result: every trial it ran failed.</summary>
    public static bool NothingCompleted(StudyRuntime study) => study.Count(TrialState.Completed) == 0 && study.Count(TrialState.Pruned) == 0;
}
