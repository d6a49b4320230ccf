using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Asha;

/// <summary>Registers <c>scheduler: {type: asha, gracePeriod, maxT, reductionFactor, brackets, seed}</c>; gracePeriod and maxT default to the fidelity's range.</summary>
public sealed class AshaSchedulerFactory : ISchedulerFactory
{
    public string Type => "asha";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options, null);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction)
    {
        var errors = new List<SpecError>();
        var options = Read(new SpecObjectReader(spec.Options, "scheduler", errors), fidelity);
        SpecException.ThrowIfAny(errors); // only a fidelity that contradicts explicit options gets here
        return new AshaScheduler(options);
    }

    private static AshaSchedulerOptions Read(SpecObjectReader o, FidelitySpec? fidelity)
    {
        var d = new AshaSchedulerOptions();
        var grace = o.NumberAbove("gracePeriod", 0);
        var maxT = o.NumberAbove("maxT", 0);
        var options = new AshaSchedulerOptions(
            grace ?? fidelity?.Min ?? d.GracePeriod,
            maxT ?? fidelity?.Max ?? d.MaxT,
            o.NumberAbove("reductionFactor", 1) ?? d.ReductionFactor,
            o.IntAtLeast("brackets", 1) ?? d.Brackets,
            o.IntAtLeast("seed", int.MinValue) ?? d.Seed);
        if ((grace is not null || maxT is not null) && options.GracePeriod > options.MaxT)
        {
            o.Error(grace is not null ? "gracePeriod" : "maxT", $"must keep gracePeriod ({options.GracePeriod}) <= maxT ({options.MaxT})");
        }

        return options;
    }
}
