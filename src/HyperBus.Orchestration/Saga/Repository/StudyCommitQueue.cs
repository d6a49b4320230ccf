using HyperBus.Core.Storage;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>
/// One study's commits on their way to the store. A message hands its commit over and gives up the study's
/// lock; while one transaction is being written the commits of the messages handled meanwhile wait and go
/// together in the next one, so a busy study pays one transaction for many outcomes. Each message still
/// waits for its own commit to be durable before it is acknowledged and its outbox rows are relayed.
/// Later commits build on earlier ones in memory: when a transaction fails, every commit queued after it
/// fails too (the generation moves on) and the host's copies of the study are dropped for a reload.
/// </summary>
public sealed class StudyCommitQueue(IOrchestrationStore store, Action onFailure)
{
    private readonly object _gate = new();
    private List<QueuedCommit> _queued = [];
    private bool _flushing;
    private long _generation;
    private int? _storedVersion;

    /// <summary>The generation a message sees when it loads the study; its commit is refused once it moved on.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>Queues a commit made on the study as it stood at <paramref name="generation"/>; completes with its stored outbox rows.</summary>
    public Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(StudyCommit commit, long generation, StudyState? instance)
    {
        lock (_gate)
        {
            if (generation != _generation)
            {
                return Task.FromException<IReadOnlyList<OutboxMessage>>(
                    new StaleSagaException("an earlier commit of this study failed; the message runs again on the stored state"));
            }

            var queued = new QueuedCommit(commit, instance);
            _queued.Add(queued);
            if (!_flushing)
            {
                _flushing = true;
                _ = Task.Run(FlushAsync);
            }

            return queued.Stored.Task;
        }
    }

    /// <summary>Forgets the version this host last stored (another host may have saved the study since).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _generation++;
            _storedVersion = null;
        }
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<QueuedCommit> batch;
            int? expected;
            long generation;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                (batch, _queued) = (_queued, []);
                expected = _storedVersion;
                generation = _generation;
            }

            var merged = Merge(batch, expected);
            try
            {
                var stored = await store.CommitAsync(merged, CancellationToken.None);
                Complete(batch, merged, stored, generation);
            }
            catch (Exception e)
            {
                Fail(batch, e);
            }
        }
    }

    private static StudyCommit Merge(List<QueuedCommit> batch, int? storedVersion)
    {
        var merged = new StudyCommit();
        foreach (var queued in batch)
        {
            merged.Append(queued.Commit);
        }

        // The store checks the version it was loaded at: the first commit's, or what this queue stored last.
        if (merged.Saga is { } saga)
        {
            var loadedAt = storedVersion ?? batch.First(q => q.Commit.Saga is not null).Commit.Saga!.Version;
            merged.Saga = saga with { Version = loadedAt };
        }

        return merged;
    }

    private void Complete(List<QueuedCommit> batch, StudyCommit merged, IReadOnlyList<OutboxMessage> stored, long generation)
    {
        if (merged.Saga is { } saga)
        {
            var version = saga.Version == 0 ? 1 : saga.Version + 1;
            lock (_gate)
            {
                // A reset while the transaction was written (the study changed hands) leaves the version unknown.
                if (_generation == generation)
                {
                    _storedVersion = version;
                }
            }

            foreach (var queued in batch)
            {
                queued.Instance?.Version = version;
            }
        }

        var offset = 0;
        foreach (var queued in batch)
        {
            var count = queued.Commit.Outbox.Count;
            queued.Stored.TrySetResult(stored.Count == 0 ? [] : [.. stored.Skip(offset).Take(count)]);
            offset += count;
        }
    }

    private void Fail(List<QueuedCommit> batch, Exception error)
    {
        List<QueuedCommit> after;
        lock (_gate)
        {
            _generation++;
            _storedVersion = null;
            (after, _queued) = (_queued, []);
        }

        onFailure();
        foreach (var queued in batch.Concat(after))
        {
            queued.Stored.TrySetException(error);
        }
    }

    private sealed record QueuedCommit(StudyCommit Commit, StudyState? Instance)
    {
        public TaskCompletionSource<IReadOnlyList<OutboxMessage>> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
