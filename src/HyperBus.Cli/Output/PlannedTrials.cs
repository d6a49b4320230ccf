using HyperBus.Core.Specs;
using HyperBus.Samplers.Grid;

namespace HyperBus.Cli.Output;

/// <summary>How many trials a study will run, for the progress bar: a grid without <c>trials:</c> runs its whole grid.</summary>
public static class PlannedTrials
{
    public static int Of(StudySpec spec) =>
        spec.Sampler.Type == "grid" && spec.Trials >= StudySpecParser.MaxTrials
            ? (int)Math.Min(spec.Trials, GridEnumerator.Enumerate(spec.Space).Count)
            : spec.Trials;
}
