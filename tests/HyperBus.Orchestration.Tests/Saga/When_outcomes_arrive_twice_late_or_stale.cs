using HyperBus.Contracts;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Tests.Support;

namespace HyperBus.Orchestration.Tests.Saga;

public sealed class When_outcomes_arrive_twice_late_or_stale : IDisposable
{
    private const string RemoteStudy = $$"""
        study: remote
        trials: 3
        parallelism: 2
        trainer: {{HostHarness.RemoteKind}}
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    private readonly TempStore _store = new();

    [Fact]
    public async Task A_duplicate_outcome_counts_once()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(RemoteStudy, id);
        var trials = await host.WaitForTrialsAsync(id, 2);

        await host.CompleteAsync(id, trials[0].Id, 1, 0.5);
        await host.CompleteAsync(id, trials[0].Id, 1, 0.25); // redelivered or sent twice: ignored
        trials = await host.WaitForTrialsAsync(id, 3);
        await host.CompleteAsync(id, trials[1].Id, 1, 0.4);
        await host.CompleteAsync(id, trials[2].Id, 1, 0.6);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(3, completed.Completed);
        Assert.Equal(0.4, completed.BestValue);
        var stored = await host.Store.LoadTrialsAsync(id);
        Assert.Equal(0.5, stored[0].Value);
        Assert.Equal(3, stored.Count);
    }

    [Fact]
    public async Task An_outcome_for_a_superseded_attempt_or_an_unknown_trial_is_ignored()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(RemoteStudy, id);
        var trials = await host.WaitForTrialsAsync(id, 2);

        await host.CompleteAsync(id, trials[0].Id, attempt: 7, value: 0.01);
        await host.CompleteAsync(id, Guid.NewGuid(), attempt: 1, value: 0.02);
        await host.Harness.Bus.Publish(new TrialFailed(id, trials[1].Id, 3, "stale", true, "w"));
        await host.CompleteAsync(id, trials[0].Id, 1, 0.5);
        await host.CompleteAsync(id, trials[1].Id, 1, 0.4);
        trials = await host.WaitForTrialsAsync(id, 3);
        await host.CompleteAsync(id, trials[2].Id, 1, 0.6);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(3, completed.Completed);
        Assert.Equal(0.4, completed.BestValue);
        Assert.All(await host.Store.LoadTrialsAsync(id), t => Assert.Equal(1, t.Attempt));
    }

    [Fact]
    public async Task After_a_host_restart_the_study_resumes_from_the_store_and_keeps_outcomes_sent_while_it_was_down()
    {
        var id = Guid.NewGuid();
        IReadOnlyList<Trial> before;
        await using (var first = await HostHarness.StartAsync(_store.Path))
        {
            await first.SubmitAsync(RemoteStudy, id);
            before = await first.WaitForTrialsAsync(id, 2);
            await first.CompleteAsync(id, before[0].Id, 1, 0.5);
            before = await first.WaitForTrialsAsync(id, 1, t => t.State == TrialState.Completed);
        }

        // A new host process on the same store: the first outcome it sees recreates the study.
        await using var second = await HostHarness.StartAsync(_store.Path);
        var events = second.Follow(id);
        await second.CompleteAsync(id, before[1].Id, 1, 0.3);
        var trials = await second.WaitForTrialsAsync(id, 3);
        await second.CompleteAsync(id, before[0].Id, 1, 0.1); // already counted before the restart
        await second.CompleteAsync(id, trials[2].Id, 1, 0.7);
        var completed = await HostHarness.WaitForEndAsync(id, events);

        Assert.Equal(3, completed.Completed);
        Assert.Equal(0.3, completed.BestValue);
        var stored = await second.Store.LoadTrialsAsync(id);
        Assert.Equal([0, 1, 2], stored.Select(t => t.Number));
        Assert.Equal(before[0].Id, stored[0].Id);
        Assert.Equal(0.5, stored[0].Value);
    }

    public void Dispose() => _store.Dispose();
}
