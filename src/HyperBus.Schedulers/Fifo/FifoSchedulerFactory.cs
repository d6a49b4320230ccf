using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Fifo;

/// <summary>Registers <c>scheduler: fifo</c> (no options).</summary>
public sealed class FifoSchedulerFactory : ISchedulerFactory
{
    public string Type => "fifo";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space)
    {
    }

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) => new FifoScheduler();
}
