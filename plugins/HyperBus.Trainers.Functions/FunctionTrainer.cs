using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.Functions;

/// <summary>
/// Trainer kind <c>function</c>: evaluates a standard test function at x0, x1, ... (a quick, known-optimum
/// objective to minimise); the two-objective ones (zdt1, zdt2) return both values for multi-objective studies.
/// </summary>
public sealed class FunctionTrainer : ITrainer
{
    /// <summary>The trainer kind specs name: <c>trainer: function</c>.</summary>
    public const string Kind = "function";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Train(context.Params));

    /// <summary>The result at the point given by x0, x1, ...: one value, or both objectives (Value = the first) for zdt1 and zdt2.</summary>
    public static TrialResult Train(TrialParameters parameters)
    {
        var name = parameters.GetString("function");
        var x = Point(parameters);
        if (ObjectivePairs.Create(name, x.Count) is { } pair)
        {
            if (x.Count < 2)
            {
                throw new TrialFailedException($"function '{name}' needs parameters x0, x1, ... (at least 2), got {x.Count}");
            }

            var values = pair.Evaluate(x);
            return new TrialResult(values[0]) { Values = values };
        }

        return Evaluate(parameters);
    }

    /// <summary>The single-objective function named by the fixed value <c>function</c> at the point given by x0, x1, ...</summary>
    public static double Evaluate(TrialParameters parameters)
    {
        var name = parameters.GetString("function");
        var x = Point(parameters);
        var function = TestFunctions.Create(name, x.Count)
            ?? throw new TrialFailedException($"unknown function '{name}'; known: {string.Join(", ", TestFunctions.Names.Concat(ObjectivePairs.Names))}");
        if (x.Count != function.Dimensions)
        {
            throw new TrialFailedException($"function '{name}' needs parameters x0..x{function.Dimensions - 1}, got {x.Count}");
        }

        return function.Evaluate(x);
    }

    private static List<double> Point(TrialParameters parameters)
    {
        var x = new List<double>();
        while (parameters.Contains($"x{x.Count}"))
        {
            x.Add(parameters.GetDouble($"x{x.Count}"));
        }

        return x;
    }
}
