namespace HyperBus.Trainers.Functions;

/// <summary>A benchmark function to minimise: its box, its known minimum and where it is.</summary>
/// <param name="Name">The name a spec uses (<c>function: branin</c>).</param>
/// <param name="Lower">Lower bound of each coordinate.</param>
/// <param name="Upper">Upper bound of each coordinate.</param>
/// <param name="Minimum">The global minimum value.</param>
/// <param name="Minimizer">One point where the minimum is reached.</param>
public sealed record TestFunction(
    string Name,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper,
    double Minimum,
    IReadOnlyList<double> Minimizer,
    Func<IReadOnlyList<double>, double> Evaluate)
{
    public int Dimensions => Lower.Count;
}
