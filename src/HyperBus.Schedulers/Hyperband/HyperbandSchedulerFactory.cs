using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Hyperband;

/// <summary>Registers <c>scheduler: {type: hyperband, minResource, maxResource, reductionFactor, seed}</c>; maxResource defaults to <c>fidelity.max</c>.</summary>
public sealed class HyperbandSchedulerFactory : ISchedulerFactory
{
    public string Type => "hyperband";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options, null);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction)
    {
        var errors = new List<SpecError>();
        var options = Read(new SpecObjectReader(spec.Options, "scheduler", errors), fidelity);
        SpecException.ThrowIfAny(errors); // only a fidelity that contradicts explicit options gets here
        return new HyperbandScheduler(options);
    }

    private static HyperbandSchedulerOptions Read(SpecObjectReader o, FidelitySpec? fidelity)
    {
        var d = new HyperbandSchedulerOptions();
        var min = o.NumberAbove("minResource", 0);
        var max = o.Resource("maxResource");
        var options = new HyperbandSchedulerOptions(
            min ?? fidelity?.Min ?? d.MinResource,
            max ?? (fidelity is null ? ResourceOption.Auto : ResourceOption.Fixed(fidelity.Max)),
            o.IntAtLeast("reductionFactor", 2) ?? d.ReductionFactor,
            o.IntAtLeast("seed", int.MinValue) ?? d.Seed);
        if (options.MaxResource?.Value is { } r && r < options.MinResource && (min is not null || max is not null))
        {
            o.Error(min is not null ? "minResource" : "maxResource", $"must keep minResource ({options.MinResource}) <= maxResource ({r})");
        }

        return options;
    }
}
