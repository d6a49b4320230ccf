using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Scheduling;

/// <summary>Makes one kind of scheduler from its spec options (<c>scheduler: {type: ..., ...}</c>).</summary>
public interface ISchedulerFactory : IComponentFactory
{
    IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction);

    /// <summary>True when its schedulers bring their own sampler (<see cref="ISamplerOwningScheduler"/>).</summary>
    bool BringsOwnSampler => false;
}
