using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Percentile;

/// <summary>Registers <c>scheduler: {type: percentile, percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials}</c>.</summary>
public sealed class PercentileSchedulerFactory : ISchedulerFactory
{
    public string Type => "percentile";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction) =>
        new PercentileScheduler(Read(new SpecObjectReader(spec.Options, "scheduler", [])));

    /// <summary>Reads the options the median and percentile pruners share, with the given percentile.</summary>
    internal static PercentileSchedulerOptions ReadWindow(SpecObjectReader o, double percentile)
    {
        var d = new PercentileSchedulerOptions(percentile);
        return d with
        {
            NStartupTrials = o.IntAtLeast("nStartupTrials", 0) ?? d.NStartupTrials,
            NWarmupSteps = o.IntAtLeast("nWarmupSteps", 0) ?? d.NWarmupSteps,
            IntervalSteps = o.IntAtLeast("intervalSteps", 1) ?? d.IntervalSteps,
            NMinTrials = o.IntAtLeast("nMinTrials", 1) ?? d.NMinTrials,
        };
    }

    private static PercentileSchedulerOptions Read(SpecObjectReader o)
    {
        o.Required("percentile");
        var percentile = o.NumberAbove("percentile", 0);
        if (percentile >= 100)
        {
            o.Error("percentile", $"must be < 100, not {percentile}");
        }

        return ReadWindow(o, percentile ?? 50);
    }
}
