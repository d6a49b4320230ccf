using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Verification;

/// <summary>Verdicts reached before the study's lock was taken, waiting for the saga to record their attempt.</summary>
public sealed class PendingVerdicts
{
    private readonly ConcurrentDictionary<(Guid TrialId, int Attempt), TrialVerdict> _verdicts = new();

    public void Put(Guid trialId, int attempt, TrialVerdict verdict) => _verdicts[(trialId, attempt)] = verdict;

    public TrialVerdict? Take(Guid trialId, int attempt) => _verdicts.TryRemove((trialId, attempt), out var verdict) ? verdict : null;
}
