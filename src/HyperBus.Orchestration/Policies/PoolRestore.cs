using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// Brings a trainer pool's broken state back when a host loads a study its pool paused (after a restart or a takeover):
/// the pool counts as broken again and the study is one it paused, so the pool's probe resumes it with the others. Without
/// this a restarted host sent every held attempt at once and left a study with nothing held paused for ever.
/// </summary>
public static class PoolRestore
{
    public static void OnLoad(TrialPolicies policies, StudyRuntime study)
    {
        var pool = policies.Pool(study);
        if (study.PauseReason is not { } reason || !reason.StartsWith($"{TrainerPool.PauseReasonPrefix}{pool.Kind} failing", StringComparison.Ordinal))
        {
            return;
        }

        pool.Restore(reason);
        pool.PausedStudies.TryAdd(study.StudyId, 0);
    }
}
