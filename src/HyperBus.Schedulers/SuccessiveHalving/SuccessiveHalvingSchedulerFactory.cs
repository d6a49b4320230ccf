using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.SuccessiveHalving;

/// <summary>Registers <c>scheduler: {type: successive-halving, minResource, reductionFactor, minEarlyStoppingRate}</c>.</summary>
public sealed class SuccessiveHalvingSchedulerFactory : ISchedulerFactory
{
    public string Type => "successive-halving";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options, null);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        new SuccessiveHalvingScheduler(Read(new SpecObjectReader(spec.Options, "scheduler", []), fidelity));

    private static SuccessiveHalvingSchedulerOptions Read(SpecObjectReader o, FidelitySpec? fidelity)
    {
        // Unset, a declared fidelity's minimum is the first rung (what its author means by the
        // smallest useful budget); without one, Optuna's default 'auto'.
        var fallback = fidelity is null ? ResourceOption.Auto : ResourceOption.Fixed(fidelity.Min);
        var d = new SuccessiveHalvingSchedulerOptions(fallback);
        return new SuccessiveHalvingSchedulerOptions(
            o.Resource("minResource") ?? fallback,
            o.IntAtLeast("reductionFactor", 2) ?? d.ReductionFactor,
            o.IntAtLeast("minEarlyStoppingRate", 0) ?? d.MinEarlyStoppingRate);
    }
}
