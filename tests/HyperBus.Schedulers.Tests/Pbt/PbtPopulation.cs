using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Schedulers.Tests.Pbt;

/// <summary>Hand-made PBT populations: trials from plans, with chosen outcomes and checkpoints named after the trial.</summary>
internal static class PbtPopulation
{
    public static readonly SearchSpace Space = SearchSpace.Create(
    [
        new FloatParameter("lr", 1e-4, 1, log: true),
        new IntParameter("batch", 8, 256),
        new CategoricalParameter("optimizer", ["sgd", "momentum", "adam"]),
    ]);

    public static PbtSampler Sampler(int size = 8, double resample = 0.25, int seed = 1) =>
        new(new PbtSchedulerOptions(size, PerturbationInterval: 2, MaxBudget: 10, QuantileFraction: 0.25, ResampleProbability: resample, Seed: seed));

    public static StudyView View(IReadOnlyList<Trial> trials, StudyDirection direction = StudyDirection.Minimize) =>
        new(Guid.Empty, Space, direction, trials);

    public static Trial Finished(int number, TrialPlan plan, TrialState state, double? value) => new()
    {
        Id = new Guid(number, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]),
        Number = number,
        State = state,
        Params = plan.Params,
        Value = value,
        Budget = plan.Budget,
        Attributes = plan.Attributes,
        Reports = value is { } v ? [new TrialReport((long)(plan.Budget ?? 0), v)] : [],
        Checkpoint = state == TrialState.Failed ? null : $"ckpt-{number}",
    };

    /// <summary>Plans the next generation and finishes it with the values given (null: failed).</summary>
    public static List<Trial> AddGeneration(PbtSampler sampler, List<Trial> history, params double?[] values)
    {
        var plans = sampler.Plan(View(history), values.Length);
        Assert.Equal(values.Length, plans.Count);
        var first = history.Count;
        for (var i = 0; i < plans.Count; i++)
        {
            history.Add(Finished(first + i, plans[i], values[i] is null ? TrialState.Failed : TrialState.Completed, values[i]));
        }

        return history;
    }
}
