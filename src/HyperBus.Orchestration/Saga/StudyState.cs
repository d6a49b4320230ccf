using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>
/// The saga instance of one study, persisted in the store by <see cref="Repository.StudySagaRepositoryContextFactory"/>.
/// Counts and trials live in the store too (mirrored by the StudyRuntime), so any host that opens the store can continue it.
/// </summary>
public sealed class StudyState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    /// <summary>The stored version this instance was loaded at (0: not stored yet); each save must find it unchanged.</summary>
    public int Version { get; set; }

    /// <summary>Why the study is paused (a trainer pool failing, a person); null unless Paused.</summary>
    public string? PauseReason { get; set; }

    /// <summary>Where the handled message leaves the study; set by the activities, read by the transition that follows. Not stored.</summary>
    public StudyEnd Next { get; set; }
}
