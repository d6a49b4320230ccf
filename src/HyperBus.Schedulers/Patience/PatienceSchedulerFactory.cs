using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Patience;

/// <summary>Registers <c>scheduler: {type: patience, patience, minDelta}</c>.</summary>
public sealed class PatienceSchedulerFactory : ISchedulerFactory
{
    public string Type => "patience";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        new PatienceScheduler(Read(new SpecObjectReader(spec.Options, "scheduler", [])));

    private static PatienceSchedulerOptions Read(SpecObjectReader o)
    {
        o.Required("patience");
        return new PatienceSchedulerOptions(
            o.IntAtLeast("patience", 0) ?? 0,
            o.NumberAbove("minDelta", 0, inclusive: true) ?? 0);
    }
}
