using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// Registers <c>scheduler: {type: bohb, minResource, maxResource, reductionFactor, seed, randomFraction,
/// bandwidthFactor, topNPercent, numSamples, minPointsInModel, minBandwidth}</c>; the resources default to the fidelity's range.
/// </summary>
public sealed class BohbSchedulerFactory : ISchedulerFactory
{
    public string Type => "bohb";

    public bool BringsOwnSampler => true;

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options, null);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction)
    {
        var errors = new List<SpecError>();
        var options = Read(new SpecObjectReader(spec.Options, "scheduler", errors), fidelity);
        SpecException.ThrowIfAny(errors); // only a fidelity that contradicts explicit options gets here
        return new BohbScheduler(options);
    }

    private static BohbSchedulerOptions Read(SpecObjectReader o, FidelitySpec? fidelity)
    {
        var d = new BohbSchedulerOptions();
        var min = o.NumberAbove("minResource", 0);
        var max = o.Resource("maxResource");
        var topN = o.NumberAbove("topNPercent", 0);
        if (topN >= 100)
        {
            o.Error("topNPercent", $"must be < 100, not {topN}");
        }

        var randomFraction = o.NumberAbove("randomFraction", 0, inclusive: true);
        if (randomFraction > 1)
        {
            o.Error("randomFraction", $"must be <= 1, not {randomFraction}");
        }

        var options = new BohbSchedulerOptions(
            min ?? fidelity?.Min ?? d.MinResource,
            max ?? (fidelity is null ? ResourceOption.Auto : ResourceOption.Fixed(fidelity.Max)),
            o.IntAtLeast("reductionFactor", 2) ?? d.ReductionFactor,
            o.IntAtLeast("seed", int.MinValue) ?? d.Seed,
            randomFraction ?? d.RandomFraction,
            o.NumberAbove("bandwidthFactor", 0) ?? d.BandwidthFactor,
            topN ?? d.TopNPercent,
            o.IntAtLeast("numSamples", 1) ?? d.NumSamples,
            o.IntAtLeast("minPointsInModel", 1) ?? d.MinPointsInModel,
            o.NumberAbove("minBandwidth", 0) ?? d.MinBandwidth);
        if (options.MaxResource?.Value is { } r && r < options.MinResource && (min is not null || max is not null))
        {
            o.Error(min is not null ? "minResource" : "maxResource", $"must keep minResource ({options.MinResource}) <= maxResource ({r})");
        }

        return options;
    }
}
