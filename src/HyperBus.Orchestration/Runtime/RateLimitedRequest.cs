using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Applies the trainer pool's rate limit to an attempt about to be requested. Every attempt of a rate-limited pool gets
/// a stored due time (its slot), so the request times can be read back from the store; one beyond the rate waits as a
/// scheduled attempt until its slot, exactly like a retry waiting out its backoff (a restart keeps it; nothing is dropped).
/// </summary>
public static class RateLimitedRequest
{
    /// <summary>True when the attempt was put off to its slot; false when it may be requested now.</summary>
    public static bool Hold(StudyTransaction transaction, TrialPolicies policies, StudyRuntime study, Trial trial, DateTimeOffset now)
    {
        var rate = policies.Rate(study);
        if (rate.Options is null)
        {
            return false;
        }

        if (rate.HeldUntil(trial.Id, trial.Attempt) is { } slot && slot > now)
        {
            TrialDispatch.Schedule(transaction, study, trial, slot);
            return true;
        }

        if (!study.Waiting.ContainsKey((trial.Id, trial.Attempt)))
        {
            // Going at once: stored as due now, so the request is marked with its time like the held ones.
            TrialDispatch.Schedule(transaction, study, trial, now);
        }

        return false;
    }
}
