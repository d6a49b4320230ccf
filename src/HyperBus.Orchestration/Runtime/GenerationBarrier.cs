using HyperBus.Core.Sampling;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>How many trials a population sampler's current generation still lets the saga create.</summary>
public static class GenerationBarrier
{
    /// <summary>
    /// The members of the current generation not yet created, or 0 while an earlier generation still
    /// has a running trial. Unlimited for samplers without generations.
    /// </summary>
    public static int Open(ISampler sampler, StudyView view)
    {
        if (sampler is not IPopulationSampler population)
        {
            return int.MaxValue;
        }

        var size = Math.Max(1, population.PopulationSize);
        var next = view.NextTrialNumber;
        var generationStart = next / size * size;
        foreach (var trial in view.Trials)
        {
            if (trial.Number < generationStart && !trial.IsFinished)
            {
                return 0;
            }
        }

        return generationStart + size - next;
    }
}
