using HyperBus.Core.Space;

namespace HyperBus.Bench.Frontier;

/// <summary>A problem of the harder suite: a space, the noiseless objective (what regret is measured on), its optimum and the noise the sampler sees.</summary>
public sealed record FrontierProblem(string Name, SearchSpace Space, Func<ParameterSet, double> Truth, double Optimum)
{
    /// <summary>Standard deviation of the Gaussian noise added to what the sampler observes; 0 for a noiseless problem.</summary>
    public double NoiseStandardDeviation { get; init; }
}
