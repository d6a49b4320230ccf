using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// Feeds a study's attempt outcomes to its trainer pool's breaker within one handled message, and turns what the breaker
/// says into study changes: a failure while the pool is broken is the pool's (the trial keeps its attempts and waits for
/// the probe) and pauses the pool's studies; a success that closes the breaker resumes them. One per message (scoped).
/// </summary>
public sealed class PoolVerdicts(TrialPolicies policies, StudyRuntimeRegistry registry, StudyTransaction transaction, IOrchestrationStore store)
{
    /// <summary>How many of a trial's attempts failed because its pool was broken; they do not count against <c>maxAttempts</c>.</summary>
    public const string PoolFailuresKey = "policy.poolFailures";

    /// <summary>Set when this message's failure found the pool broken: the handling study pauses with this reason.</summary>
    public string? PauseReason { get; private set; }

    /// <summary>Counts the failure; returns true when it is the pool's, having paused the pool's other running studies.</summary>
    public bool Failed(StudyRuntime study, Trial trial, string error)
    {
        var pool = policies.Pool(study);
        if (!pool.Record(trial.Id, trial.Attempt, new PoolOutcome(error)))
        {
            return false;
        }

        PauseReason = pool.PauseReason;
        pool.PausedStudies[study.StudyId] = 0;
        foreach (var other in registry.All.Where(s => s.StudyId != study.StudyId && s.Spec.Trainer == pool.Kind))
        {
            if (pool.PausedStudies.TryAdd(other.StudyId, 0))
            {
                transaction.Publish(other.StudyId, new PauseStudy(other.StudyId, pool.PauseReason));
            }
        }

        return true;
    }

    /// <summary>
    /// Counts the success; when it closes a broken breaker (the probe came back), resumes the studies the pool paused,
    /// including this one when its stored pause reason names the pool (also when the pool learnt of the pause from the
    /// store after a restart). A study someone paused by hand before the pool broke keeps its own reason, so it is left
    /// paused.
    /// </summary>
    public async Task SucceededAsync(StudyRuntime study, Trial trial, string? currentPauseReason, CancellationToken cancellationToken)
    {
        var pool = policies.Pool(study);
        var wasBroken = pool.IsBroken;
        if (pool.Record(trial.Id, trial.Attempt, PoolOutcome.Success))
        {
            return;
        }

        if (NamesPool(currentPauseReason, pool))
        {
            pool.PausedStudies.TryAdd(study.StudyId, 0);
        }

        if (!wasBroken && pool.PausedStudies.IsEmpty)
        {
            return;
        }

        foreach (var id in pool.PausedStudies.Keys)
        {
            var reason = id == study.StudyId ? currentPauseReason : (await store.LoadSagaAsync(id, cancellationToken))?.PauseReason;
            if (NamesPool(reason, pool))
            {
                transaction.Publish(id, new ResumeStudy(id));
            }
        }

        pool.PausedStudies.Clear();
    }

    private static bool NamesPool(string? pauseReason, TrainerPool pool) =>
        pauseReason?.StartsWith($"{TrainerPool.PauseReasonPrefix}{pool.Kind} failing", StringComparison.Ordinal) == true;

    /// <summary>The trial's attempt number as far as <c>maxAttempts</c> is concerned: its attempts less those the pool failed.</summary>
    public static int CountedAttempt(Trial trial) =>
        trial.Attempt - (trial.Attributes.TryGetValue(PoolFailuresKey, out var n) && int.TryParse(n, out var excused) ? excused : 0);
}
