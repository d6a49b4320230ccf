using System.Collections.Concurrent;
using HyperBus.Orchestration.Verification;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>A verifier whose preparation of one chosen trial waits for the test to open a gate; records what it was asked, in order.</summary>
public sealed class GatedVerifier : ITrialVerifier
{
    public TaskCompletionSource<Guid> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid? HeldTrial { get; set; }

    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task PrepareAsync(TrialToPrepare trial, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"prepare {trial.TrialId}");
        if (trial.TrialId == HeldTrial)
        {
            Entered.TrySetResult(trial.TrialId);
            await Gate.Task.WaitAsync(cancellationToken);
        }
    }

    public Task<TrialVerdict> VerifyAsync(TrialToVerify trial, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"verify {trial.Trial.Id}");
        return Task.FromResult(new TrialVerdict(trial.Outcome, trial.Trial.Attributes));
    }
}
