using System.Collections.Concurrent;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>The commit queue of each study this host handles; a failed commit drops the host's copies of that study.</summary>
public sealed class StudyCommitQueues(IOrchestrationStore store, StudySagaCache sagas, StudyRuntimeRegistry runtimes)
{
    private readonly ConcurrentDictionary<Guid, StudyCommitQueue> _queues = new();

    public StudyCommitQueue For(Guid studyId) => _queues.GetOrAdd(studyId, id => new StudyCommitQueue(store, () =>
    {
        sagas.Remove(id);
        runtimes.Remove(id);
    }));

    /// <summary>The study changed hands: what this host knew of its stored version no longer holds.</summary>
    public void Reset(Guid studyId)
    {
        if (_queues.TryGetValue(studyId, out var queue))
        {
            queue.Reset();
        }
    }
}
