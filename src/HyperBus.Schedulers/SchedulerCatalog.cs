using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Asha;
using HyperBus.Schedulers.Bohb;
using HyperBus.Schedulers.Fifo;
using HyperBus.Schedulers.Hyperband;
using HyperBus.Schedulers.Median;
using HyperBus.Schedulers.Patience;
using HyperBus.Schedulers.Pbt;
using HyperBus.Schedulers.Percentile;
using HyperBus.Schedulers.SuccessiveHalving;

namespace HyperBus.Schedulers;

/// <summary>Every scheduler (and pruner) a spec can name, by type.</summary>
public sealed class SchedulerCatalog : ComponentCatalog<ISchedulerFactory>, IComponentCatalog
{
    public SchedulerCatalog(IEnumerable<ISchedulerFactory> factories)
        : base(factories)
    {
    }

    public static SchedulerCatalog Default { get; } = new(
    [
        new FifoSchedulerFactory(),
        new MedianSchedulerFactory(),
        new PercentileSchedulerFactory(),
        new PatienceSchedulerFactory(),
        new SuccessiveHalvingSchedulerFactory(),
        new HyperbandSchedulerFactory(),
        new AshaSchedulerFactory(),
        new BohbSchedulerFactory(),
        new PbtSchedulerFactory(),
    ]);

    bool IComponentCatalog.BringsOwnSampler(string type) => Factories.TryGetValue(type, out var factory) && factory.BringsOwnSampler;

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        Factories[spec.Type].Create(spec, fidelity, direction);
}
