namespace HyperBus.Trainers.Functions;

/// <summary>A two-objective benchmark to minimise on [0, 1]^d, with its known Pareto front.</summary>
/// <param name="Name">The name a spec uses (<c>function: zdt1</c>).</param>
/// <param name="Dimensions">How many coordinates x0..x(d-1) it takes.</param>
/// <param name="Evaluate">Both objectives at a point.</param>
/// <param name="Front">The second objective on the true front as a function of the first (f1 in [0, 1]).</param>
public sealed record ObjectivePair(
    string Name,
    int Dimensions,
    Func<IReadOnlyList<double>, double[]> Evaluate,
    Func<double, double> Front);
