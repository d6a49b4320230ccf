using HyperBus.Core.Sampling;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Turns what a sampler proposes into new trials, for plain and planning samplers alike.</summary>
public static class TrialPlanning
{
    public static IReadOnlyList<TrialPlan> Plan(ISampler sampler, StudyView view, int count) =>
        sampler is IPlanningSampler planner
            ? planner.Plan(view, count)
            : sampler.Suggest(view, count).Select(config => new TrialPlan(config)).ToList();

    public static Trial NewTrial(TrialPlan plan, Guid id, int number, double? budget)
    {
        var attributes = new Dictionary<string, string>(plan.Attributes, StringComparer.Ordinal);
        if (plan.ResumeFrom is { } checkpoint)
        {
            attributes[TrialAttributeKeys.ResumeFrom] = checkpoint;
        }

        return new Trial
        {
            Id = id,
            Number = number,
            State = TrialState.Running,
            Params = plan.Params,
            Budget = budget,
            Attributes = attributes,
        };
    }
}
