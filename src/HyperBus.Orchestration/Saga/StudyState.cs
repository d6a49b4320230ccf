using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>
/// The saga instance of one study. It only routes and serialises the study's messages; counts and
/// trials live in the store (and its mirror, the StudyRuntime), so an instance can be recreated from the store.
/// </summary>
public sealed class StudyState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    /// <summary>What the last handled message did to the study; drives the transition that follows.</summary>
    public Runtime.StudyStep LastStep { get; set; }
}
