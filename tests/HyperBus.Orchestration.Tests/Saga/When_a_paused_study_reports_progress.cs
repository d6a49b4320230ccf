using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>
/// StudyProgressed while a study is paused by its trainer pool: the pause says why, and so does every progress event
/// after it (an outcome of a trial still in flight), so a progress display keeps the reason until the study resumes.
/// </summary>
public sealed class When_a_paused_study_reports_progress : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task Progress_of_a_trial_finishing_during_the_pause_carries_the_pause_reason_and_none_after_the_resume()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var id = Guid.NewGuid();
        await host.SubmitAsync($$"""
            study: paused-progress
            trials: 8
            parallelism: 5
            retry: { maxAttempts: 3, delaySeconds: 30, jitter: false }
            circuitBreaker: { minimumThroughput: 3, breakSeconds: 60 }
            trainer: {{HostHarness.RemoteKind}}
            space: { x: { type: float, low: 0, high: 1 } }
            """, id);
        var trials = await host.WaitForTrialsAsync(id, 5);
        foreach (var trial in trials.Take(3))
        {
            await host.Harness.Bus.Publish(new TrialFailed(id, trial.Id, 1, "CUDA error: device unavailable", Retryable: true, "test-worker"));
        }

        var saga = await Poll.ForAsync(async () => await ((IOrchestrationStore)host.Store).LoadSagaAsync(id) is { State: "Paused" } paused ? paused : null);
        Assert.Equal($"paused: trainer {HostHarness.RemoteKind} failing: CUDA error: device unavailable", saga.PauseReason);

        await host.CompleteAsync(id, trials[3].Id, 1, 0.5);
        var during = await Poll.ForAsync(() => Task.FromResult(Progress(host).FirstOrDefault(p => p.Completed == 1)));
        Assert.Equal(saga.PauseReason, during.Warning);

        // Resumed by hand: progress from then on has no reason (the pool's breaker may still be open; the person decided).
        var before = Progress(host).Count();
        await host.Harness.Bus.Publish(new ResumeStudy(id));
        await Poll.ForAsync(async () => (await host.Store.GetStudyAsync(id))?.Status == StudyStatus.Running ? new object() : null);
        await host.CompleteAsync(id, trials[4].Id, 1, 0.25);
        var after = await Poll.ForAsync(() => Task.FromResult(Progress(host).Skip(before).ToList() is { Count: > 0 } later ? later : null));
        Assert.True(after.All(p => p.Warning is null), string.Join("; ", Progress(host).Select(p => $"{p.Completed} {p.Warning}")));
    }

    public void Dispose() => _store.Dispose();

    private static IEnumerable<StudyProgressed> Progress(HostHarness host) => host.Harness.Published.Select<StudyProgressed>().Select(m => m.Context.Message);
}
