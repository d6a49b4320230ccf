using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tests.Genetic;

/// <summary>Runs a population sampler generation by generation, as the saga's barrier does, keeping the planned attributes.</summary>
internal static class PopulationRun
{
    public static List<Trial> Run(IPlanningSampler sampler, SearchSpace space, Func<ParameterSet, double> objective, int generations, int size)
    {
        var history = new List<Trial>();
        for (var g = 0; g < generations; g++)
        {
            var plans = sampler.Plan(StudyHistory.View(space, history), size);
            Assert.Equal(size, plans.Count);
            var first = history.Count;
            history.AddRange(plans.Select((p, i) => StudyHistory.Make(first + i, p.Params, TrialState.Completed, objective(p.Params)) with { Attributes = p.Attributes }));
        }

        return history;
    }

    /// <summary>The best value in each generation.</summary>
    public static double[] BestPerGeneration(List<Trial> history, int size) =>
        [.. history.GroupBy(t => t.Number / size).OrderBy(g => g.Key).Select(g => g.Min(t => t.Value!.Value))];

    /// <summary>The median value in each generation.</summary>
    public static double[] MedianPerGeneration(List<Trial> history, int size) =>
        [.. history.GroupBy(t => t.Number / size).OrderBy(g => g.Key).Select(g => g.Select(t => t.Value!.Value).Order().ElementAt(g.Count() / 2))];

    public static double Sphere(ParameterSet p) => p.Where(kv => kv.Value is double).Sum(kv => Math.Pow((double)kv.Value - 1, 2));

    public static SearchSpace SphereSpace(int d) => SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", -5, 5)));
}
