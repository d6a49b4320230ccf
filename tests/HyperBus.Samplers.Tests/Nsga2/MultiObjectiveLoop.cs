using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tests.Nsga2;

/// <summary>A sequential ask/tell loop for multi-objective samplers, and the two-objective hypervolume.</summary>
internal static class MultiObjectiveLoop
{
    public static List<Trial> Run(ISampler sampler, SearchSpace space, IReadOnlyList<StudyDirection> directions,
        Func<ParameterSet, (double[] Values, double[]? Constraints)> objective, int trials)
    {
        var history = new List<Trial>();
        for (var n = 0; n < trials; n++)
        {
            var p = sampler.Suggest(new StudyView(Guid.Empty, space, directions, history), 1).Single();
            var (values, constraints) = objective(p);
            history.Add(new Trial
            {
                Id = Guid.NewGuid(),
                Number = n,
                State = TrialState.Completed,
                Params = p,
                Value = values[0],
                Values = values,
                Constraints = constraints,
            });
        }

        return history;
    }

    /// <summary>The area dominated by <paramref name="points"/> (both minimised) and bounded by the reference point.</summary>
    public static double Hypervolume(IEnumerable<(double F1, double F2)> points, double ref1, double ref2)
    {
        var inside = points.Where(p => p.F1 < ref1 && p.F2 < ref2).OrderBy(p => p.F1).ThenBy(p => p.F2).ToList();
        var volume = 0.0;
        var lastF2 = ref2;
        foreach (var (f1, f2) in inside)
        {
            if (f2 < lastF2)
            {
                volume += (ref1 - f1) * (lastF2 - f2);
                lastF2 = f2;
            }
        }

        return volume;
    }

    /// <summary>ZDT1 (Zitzler, Deb and Thiele 2000): x in [0, 1]^n, Pareto front f2 = 1 - sqrt(f1) where x2..xn = 0.</summary>
    public static double[] Zdt1(ParameterSet p, int n)
    {
        var x = Enumerable.Range(0, n).Select(i => p.GetDouble($"x{i}")).ToArray();
        var g = 1 + (9 * x.Skip(1).Sum() / (n - 1));
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    }

    public static SearchSpace UnitCube(int n) => SearchSpace.Create(Enumerable.Range(0, n).Select(i => new FloatParameter($"x{i}", 0, 1)));
}
