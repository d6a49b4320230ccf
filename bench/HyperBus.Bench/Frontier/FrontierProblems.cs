using HyperBus.Core.Space;
using HyperBus.Trainers.Functions;

namespace HyperBus.Bench.Frontier;

/// <summary>The harder suite of issue 21, defined exactly as bench/frontier/problems.py defines it for the anchors.</summary>
public static class FrontierProblems
{
    public static IReadOnlyList<string> Names { get; } =
        ["mixed", "conditional3", "hartmann6-noise5", "hartmann6-noise20", "ackley20", "rosenbrock20", "levy50", "hartmann6-50",
         "svc-digits", "boost-cancer", "mlp-digits"];

    private static readonly string[] Choices = ["a", "b", "c", "d", "e"];
    private static readonly double[][] MixedPenalty = [[1.0, 0.0, 2.0, 0.5, 3.0], [0.5, 2.0, 0.0, 1.0, 1.5], [3.0, 1.0, 0.5, 2.0, 0.0]];
    private static readonly double[] MixedShift = [1.0, -2.0, 0.5, 3.0];
    private static readonly long[] MixedTarget = [3, 12, 17];

    /// <summary>Hartmann6 spans [-3.32, 0] over the unit cube: noise is a share of that range.</summary>
    private const double Hartmann6Range = 3.32236801141551;

    /// <summary>The trial budget the suite gives a problem: 500 for the 50-D ones, else 200.</summary>
    public static int Budget(string name) => name.Contains("50", StringComparison.Ordinal) ? 500 : 200;

    public static FrontierProblem Create(string name) => name switch
    {
        "ackley20" => Box(name, TestFunctions.Ackley(20), 20),
        "rosenbrock20" => Box(name, TestFunctions.Rosenbrock(20), 20),
        "levy50" => Box(name, TestFunctions.Levy(50), 50),
        "hartmann6-50" => Embedded(name, TestFunctions.Hartmann6(), 50),
        "hartmann6-noise5" => Box(name, TestFunctions.Hartmann6(), 6) with { NoiseStandardDeviation = 0.05 * Hartmann6Range },
        "hartmann6-noise20" => Box(name, TestFunctions.Hartmann6(), 6) with { NoiseStandardDeviation = 0.20 * Hartmann6Range },
        "mixed" => Mixed(),
        "conditional3" => Conditional(),
        // The three real tasks, tabulated (RealTasks): cross-validated losses on a grid, interpolated between nodes.
        _ when RealTasks.Contains(name) => RealTasks.Create(name),
        // The first suite's problems (bench/samplers.sh), for the batch comparison on low-dimensional ones.
        _ => FromFirstSuite(Problem.Named(name, null)),
    };

    private static FrontierProblem FromFirstSuite(Problem p) => new(p.Name, p.Space, p.Evaluate, p.Optimum);

    private static FrontierProblem Box(string name, TestFunction f, int d) => new(
        name,
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", f.Lower[i], f.Upper[i]))),
        p => f.Evaluate([.. Enumerable.Range(0, d).Select(i => p.GetDouble($"x{i}"))]),
        f.Minimum);

    /// <summary>The function on the first dimensions of a unit cube of <paramref name="d"/> dimensions; the rest are inert.</summary>
    private static FrontierProblem Embedded(string name, TestFunction f, int d) => new(
        name,
        SearchSpace.Create(Enumerable.Range(0, d).Select(i => (Parameter)new FloatParameter($"x{i}", 0, 1))),
        p => f.Evaluate([.. Enumerable.Range(0, f.Dimensions).Select(i => p.GetDouble($"x{i}"))]),
        f.Minimum);

    private static FrontierProblem Mixed()
    {
        var parameters = new List<Parameter>();
        parameters.AddRange(Enumerable.Range(0, 4).Select(i => new FloatParameter($"x{i}", -5, 5)));
        parameters.AddRange(Enumerable.Range(0, 3).Select(j => new IntParameter($"n{j}", 0, 20)));
        parameters.AddRange(Enumerable.Range(0, 3).Select(k => new CategoricalParameter($"c{k}", Choices)));
        return new FrontierProblem("mixed", SearchSpace.Create(parameters), p =>
        {
            var cont = Enumerable.Range(0, 4).Sum(i => Math.Pow(p.GetDouble($"x{i}") - MixedShift[i], 2));
            var ints = Enumerable.Range(0, 3).Sum(j => Math.Abs(p.GetDouble($"n{j}") - MixedTarget[j]) * 0.5);
            var cat = Enumerable.Range(0, 3).Sum(k => MixedPenalty[k][Array.IndexOf(Choices, (string)p[$"c{k}"])]);
            return ((1 + cat) * (1 + cont)) + ints - 1;
        }, 0);
    }

    private static FrontierProblem Conditional()
    {
        static ParameterCondition When(string branch) => new(new Dictionary<string, IReadOnlyList<object>> { ["branch"] = [branch] });
        var hartmann3 = Hartmann3.Function;
        var space = SearchSpace.Create(
        [
            new CategoricalParameter("branch", ["quad", "hart", "ints"]),
            new FloatParameter("a0", -5, 5, condition: When("quad")),
            new FloatParameter("a1", -5, 5, condition: When("quad")),
            new FloatParameter("h0", 0, 1, condition: When("hart")),
            new FloatParameter("h1", 0, 1, condition: When("hart")),
            new FloatParameter("h2", 0, 1, condition: When("hart")),
            new IntParameter("k", 0, 50, condition: When("ints")),
            new FloatParameter("z", 0, 1, condition: When("ints")),
        ]);
        return new FrontierProblem("conditional3", space, p => (string)p["branch"] switch
        {
            "quad" => 0.5 + Math.Pow(p.GetDouble("a0") - 1, 2) + Math.Pow(p.GetDouble("a1") + 1, 2),
            "hart" => hartmann3([p.GetDouble("h0"), p.GetDouble("h1"), p.GetDouble("h2")]) - Hartmann3.Minimum,
            _ => 0.3 + (Math.Abs(p.GetDouble("k") - 37) / 10) + Math.Pow(p.GetDouble("z") - 0.2, 2),
        }, 0);
    }
}
