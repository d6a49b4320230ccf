using System.Collections.Concurrent;
using HyperBus.Contracts;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>Reports waiting for the host's decision, matched by (trial, attempt, step).</summary>
public sealed class PendingDecisions
{
    private readonly ConcurrentDictionary<(Guid TrialId, int Attempt, long Step), TaskCompletionSource<TrialAction>> _pending = new();

    public Task<TrialAction> Register(Guid trialId, int attempt, long step)
    {
        var source = new TaskCompletionSource<TrialAction>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[(trialId, attempt, step)] = source;
        return source.Task;
    }

    /// <summary>Completes the matching report; a decision for a report nobody waits for is dropped.</summary>
    public bool Complete(TrialDecision decision) =>
        _pending.TryRemove((decision.TrialId, decision.Attempt, decision.Step), out var source) && source.TrySetResult(decision.Action);

    public void Forget(Guid trialId, int attempt, long step) => _pending.TryRemove((trialId, attempt, step), out _);
}
