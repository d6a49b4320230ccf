using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Percentile;

namespace HyperBus.Schedulers.Median;

/// <summary>Registers <c>scheduler: {type: median, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials}</c>.</summary>
public sealed class MedianSchedulerFactory : ISchedulerFactory
{
    public string Type => "median";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        new MedianScheduler(Read(new SpecObjectReader(spec.Options, "scheduler", [])));

    private static MedianSchedulerOptions Read(SpecObjectReader o)
    {
        var w = PercentileSchedulerFactory.ReadWindow(o, 50);
        return new MedianSchedulerOptions(w.NStartupTrials, w.NWarmupSteps, w.IntervalSteps, w.NMinTrials);
    }
}
