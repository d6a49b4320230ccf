using HyperBus.Contracts;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Orchestration.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Orchestration.Tests.Saga;

public sealed class When_a_model_is_verified : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task Scoring_runs_before_the_study_lock_so_the_study_goes_on_meanwhile()
    {
        var verifier = new GatedVerifier();
        await using var host = await HostHarness.StartAsync(_store.Path, configure: s => s.AddSingleton<ITrialVerifier>(verifier));
        var studyId = Guid.NewGuid();
        var events = host.Follow(studyId);
        await host.SubmitAsync($$"""
            study: verified
            direction: maximize
            metric: accuracy
            trials: 2
            parallelism: 2
            trainer: {{HostHarness.RemoteKind}}
            fixed: { dataset: digits }
            artifacts: {{_store.Directory}}
            verify: { holdout: 0.2, tolerance: 0.05, seed: 1 }
            space: { x: { type: float, low: 0, high: 1 } }
            """, studyId);
        var trials = await host.WaitForTrialsAsync(studyId, 2);
        var (slow, quick) = (trials[0], trials[1]);
        verifier.HeldTrial = slow.Id;

        await CompleteAsync(host, studyId, slow.Id, 0.8);
        await verifier.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The first model is still being scored; the second outcome must get through the saga regardless.
        await CompleteAsync(host, studyId, quick.Id, 0.6);
        await host.WaitForTrialsAsync(studyId, 1, t => t.Id == quick.Id && t.State == Core.Trials.TrialState.Completed);
        Assert.DoesNotContain($"verify {slow.Id}", verifier.Calls);

        verifier.Gate.SetResult();
        var completed = await HostHarness.WaitForEndAsync(studyId, events);

        Assert.Equal(2, completed.Completed);
        Assert.Equal(0.8, completed.BestValue);
        var calls = verifier.Calls.ToList();
        Assert.True(calls.IndexOf($"prepare {slow.Id}") < calls.IndexOf($"verify {slow.Id}"), string.Join("; ", calls));
        Assert.True(calls.IndexOf($"prepare {quick.Id}") < calls.IndexOf($"verify {quick.Id}"), string.Join("; ", calls));
        Assert.Equal(4, calls.Count);
    }

    private static Task CompleteAsync(HostHarness host, Guid studyId, Guid trialId, double value) =>
        host.Harness.Bus.Publish(new TrialCompleted(studyId, trialId, 1, value, null, null, false, null, $"/models/{trialId}", 0.1, "test-worker"));

    public void Dispose() => _store.Dispose();
}
