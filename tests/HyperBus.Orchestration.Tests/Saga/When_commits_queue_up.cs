using HyperBus.Core.Storage;
using HyperBus.Orchestration.Saga;
using HyperBus.Orchestration.Saga.Repository;
using HyperBus.Orchestration.Tests.Support;

namespace HyperBus.Orchestration.Tests.Saga;

public sealed class When_commits_queue_up
{
    private static readonly Guid Study = Guid.NewGuid();

    [Fact]
    public async Task Commits_made_while_a_transaction_is_written_share_the_next_one_and_each_gets_its_own_rows()
    {
        var (store, control) = GatedCommitStore.Create();
        var queue = new StudyCommitQueue(store, () => { });
        var instance = new StudyState { CorrelationId = Study, CurrentState = "Running" };
        control.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = queue.EnqueueAsync(Commit(instance, "a"), queue.Generation, instance);
        await control.FirstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = new[] { "b", "c", "d" }.Select(body => queue.EnqueueAsync(Commit(instance, body), queue.Generation, instance)).ToList();
        control.Hold.SetResult();

        Assert.Equal(["a"], (await first).Select(m => m.Body));
        var rows = await Task.WhenAll(later);
        Assert.Equal(["b", "c", "d"], rows.Select(r => Assert.Single(r).Body));
        Assert.Equal(2, control.Transactions.Count);
        Assert.Equal(3, control.Transactions[1].Outbox.Count);
        Assert.Equal(3, control.Transactions[1].Writes.Count);
        // The second transaction was checked against the version the first one stored, not the one the messages loaded.
        Assert.Equal(2, control.Version);
        Assert.Equal(2, instance.Version);
    }

    [Fact]
    public async Task A_failed_transaction_fails_the_commits_queued_after_it_and_refuses_those_built_on_it()
    {
        var (store, control) = GatedCommitStore.Create();
        var dropped = 0;
        var queue = new StudyCommitQueue(store, () => dropped++);
        var instance = new StudyState { CorrelationId = Study, CurrentState = "Running" };
        var loadedAt = queue.Generation;
        control.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        control.FailNext = new InvalidOperationException("disk full");

        var failing = queue.EnqueueAsync(Commit(instance, "a"), loadedAt, instance);
        await control.FirstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queuedBehind = queue.EnqueueAsync(Commit(instance, "b"), loadedAt, instance);
        control.Hold.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queuedBehind);
        await Assert.ThrowsAsync<StaleSagaException>(() => queue.EnqueueAsync(Commit(instance, "c"), loadedAt, instance));
        Assert.Equal(1, dropped);
        Assert.Empty(control.Transactions);

        // A message that reloaded the study after the failure commits as usual.
        control.Hold = null;
        var reloaded = new StudyState { CorrelationId = Study, CurrentState = "Running" };
        Assert.Equal(["d"], (await queue.EnqueueAsync(Commit(reloaded, "d"), queue.Generation, reloaded)).Select(m => m.Body));
        Assert.Equal(1, control.Version);
    }

    private static StudyCommit Commit(StudyState instance, string body)
    {
        var commit = new StudyCommit { Saga = new StudySaga(Study, instance.CurrentState, instance.Version) };
        commit.Write(_ => { });
        commit.Send(new OutboxMessage(Study, "TrialRequested", "queue:x", body));
        return commit;
    }
}
