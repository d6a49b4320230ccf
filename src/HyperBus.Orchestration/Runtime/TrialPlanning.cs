using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Turns what a sampler proposes into new trials, for plain and planning samplers alike.</summary>
public static class TrialPlanning
{
    /// <summary>
    /// Up to <paramref name="count"/> new trials. While trial numbers are below the number of
    /// <paramref name="enqueued"/> configurations (the spec's <c>enqueue:</c>), trial n runs configuration n and
    /// the sampler is not asked; numbers make it restart-safe: a resumed study never runs one twice or skips one.
    /// </summary>
    public static IReadOnlyList<TrialPlan> Plan(ISampler sampler, StudyView view, int count, IReadOnlyList<ParameterSet>? enqueued = null)
    {
        var first = view.NextTrialNumber;
        var fromQueue = enqueued is null ? 0 : Math.Clamp(enqueued.Count - first, 0, count);
        var plans = new List<TrialPlan>(count);
        for (var i = 0; i < fromQueue; i++)
        {
            plans.Add(new TrialPlan(enqueued![first + i]) { Attributes = new Dictionary<string, string> { [TrialAttributeKeys.Enqueued] = "true" } });
        }

        if (fromQueue == count)
        {
            return plans;
        }

        if (fromQueue > 0)
        {
            // The sampler sees the enqueued trials as already running, so its trial numbers (and seeds) line up.
            var queued = plans.Select((p, i) => new Trial { Id = Guid.Empty, Number = first + i, State = TrialState.Running, Params = p.Params });
            view = new StudyView(view.StudyId, view.Space, view.Directions, [.. view.Trials, .. queued]);
        }

        plans.AddRange(sampler is IPlanningSampler planner
            ? planner.Plan(view, count - fromQueue)
            : sampler.Suggest(view, count - fromQueue).Select(config => new TrialPlan(config)));
        return plans;
    }

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
