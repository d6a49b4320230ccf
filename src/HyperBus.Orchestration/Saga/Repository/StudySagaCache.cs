using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>The saga instances of the studies this host is running, so a message does not read its saga row back; the store stays the truth.</summary>
public sealed class StudySagaCache
{
    private readonly ConcurrentDictionary<Guid, StudyState> _instances = new();

    public StudyState? Get(Guid studyId) => _instances.GetValueOrDefault(studyId);

    public void Set(StudyState instance) => _instances[instance.CorrelationId] = instance;

    public void Remove(Guid studyId) => _instances.TryRemove(studyId, out _);
}
