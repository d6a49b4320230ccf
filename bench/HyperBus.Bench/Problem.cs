using HyperBus.Core.Space;
using HyperBus.Trainers.Functions;

namespace HyperBus.Bench;

/// <summary>A benchmark problem: a search space, an objective to minimise and its best known value.</summary>
public sealed record Problem(string Name, SearchSpace Space, Func<ParameterSet, double> Evaluate, double Optimum)
{
    /// <summary>A test function over x0..x{d-1} with the function's own box.</summary>
    public static Problem FromFunction(string name, TestFunction f) => new(
        name,
        SearchSpace.Create(Enumerable.Range(0, f.Dimensions).Select(i => (Parameter)new FloatParameter($"x{i}", f.Lower[i], f.Upper[i]))),
        p => f.Evaluate([.. Enumerable.Range(0, f.Dimensions).Select(i => p.GetDouble($"x{i}"))]),
        f.Minimum);

    public static Problem Named(string name, SvcEvaluator? svc) => name switch
    {
        "branin" => FromFunction(name, TestFunctions.Branin()),
        "hartmann6" => FromFunction(name, TestFunctions.Hartmann6()),
        "rosenbrock5" => FromFunction(name, TestFunctions.Rosenbrock(5)),
        "rosenbrock10" => FromFunction(name, TestFunctions.Rosenbrock(10)),
        "ackley10" => FromFunction(name, TestFunctions.Ackley(10)),
        "levy10" => FromFunction(name, TestFunctions.Levy(10)),
        "styblinski10" => FromFunction(name, TestFunctions.StyblinskiTang(10)),
        "svc" => new Problem(
            name,
            SearchSpace.Create(
            [
                new FloatParameter("C", 1e-6, 1e6, log: true),
                new FloatParameter("gamma", 1e-6, 1e1, log: true),
                new CategoricalParameter("kernel", ["rbf", "poly", "sigmoid"]),
            ]),
            p => svc!.Evaluate(p),
            0),
        // examples/iris-svc-bayes.yaml's space (the evaluator must run in iris mode).
        "svc-iris" => new Problem(
            name,
            SearchSpace.Create(
            [
                new FloatParameter("C", 1e-6, 1e6, log: true),
                new FloatParameter("gamma", 1e-6, 1e1, log: true),
                new CategoricalParameter("kernel", ["linear", "rbf", "poly", "sigmoid"]),
            ]),
            p => svc!.Evaluate(p),
            0),
        _ => throw new ArgumentException($"unknown problem {name}", nameof(name)),
    };
}
