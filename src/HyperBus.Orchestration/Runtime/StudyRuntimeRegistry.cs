using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Runtime;

/// <summary>The running studies of this host, by id.</summary>
public sealed class StudyRuntimeRegistry
{
    private readonly ConcurrentDictionary<Guid, StudyRuntime> _studies = new();

    public IEnumerable<StudyRuntime> All => _studies.Values;

    public StudyRuntime? Get(Guid studyId) => _studies.GetValueOrDefault(studyId);

    public void Add(StudyRuntime runtime) => _studies[runtime.StudyId] = runtime;

    /// <summary>Adds the runtime unless another thread loaded the same study first; returns the one kept.</summary>
    public StudyRuntime GetOrAdd(StudyRuntime runtime) => _studies.GetOrAdd(runtime.StudyId, runtime);

    public void Remove(Guid studyId) => _studies.TryRemove(studyId, out _);
}
