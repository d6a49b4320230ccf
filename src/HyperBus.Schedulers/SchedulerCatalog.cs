using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Asha;
using HyperBus.Schedulers.Fifo;
using HyperBus.Schedulers.Hyperband;
using HyperBus.Schedulers.Median;
using HyperBus.Schedulers.Patience;
using HyperBus.Schedulers.Percentile;
using HyperBus.Schedulers.SuccessiveHalving;

namespace HyperBus.Schedulers;

/// <summary>Every scheduler (and pruner) a spec can name, by type.</summary>
public sealed class SchedulerCatalog : IComponentCatalog
{
    private readonly Dictionary<string, ISchedulerFactory> _factories;

    public SchedulerCatalog(IEnumerable<ISchedulerFactory> factories)
    {
        _factories = factories.ToDictionary(f => f.Type, StringComparer.Ordinal);
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
    ]);

    public IReadOnlyCollection<string> Types => _factories.Keys;

    public void ValidateOptions(string type, SpecObjectReader options, SearchSpace? space) =>
        _factories[type].ValidateOptions(options, space);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        _factories[spec.Type].Create(spec, fidelity, direction);
}
