using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.Functions;

/// <summary>Trainer kind <c>function</c>: evaluates a standard test function at x0, x1, ... (a quick, known-optimum objective to minimise).</summary>
public sealed class FunctionTrainer : ITrainer
{
    /// <summary>The trainer kind specs name: <c>trainer: function</c>.</summary>
    public const string Kind = "function";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        Task.FromResult<TrialResult>(Evaluate(context.Params));

    /// <summary>The function named by the fixed value <c>function</c> at the point given by x0, x1, ...</summary>
    public static double Evaluate(TrialParameters parameters)
    {
        var name = parameters.GetString("function");
        var x = new List<double>();
        while (parameters.Contains($"x{x.Count}"))
        {
            x.Add(parameters.GetDouble($"x{x.Count}"));
        }

        var function = TestFunctions.Create(name, x.Count)
            ?? throw new TrialFailedException($"unknown function '{name}'; known: {string.Join(", ", TestFunctions.Names)}");
        if (x.Count != function.Dimensions)
        {
            throw new TrialFailedException($"function '{name}' needs parameters x0..x{function.Dimensions - 1}, got {x.Count}");
        }

        return function.Evaluate(x);
    }
}
