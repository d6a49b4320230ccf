namespace HyperBus.Samplers.Nsga2;

/// <summary>Options of <see cref="Nsga2Sampler"/>; defaults follow Deb et al. (2002) and Optuna's NSGAIISampler.</summary>
/// <param name="PopulationSize">Trials per generation; trial n belongs to generation n / PopulationSize.</param>
/// <param name="MutationProbability">Per parameter; null means 1 / (number of parameters).</param>
/// <param name="CrossoverProbability">Chance that a child mixes two parents rather than copying one.</param>
/// <param name="Crossover"><c>sbx</c> (simulated binary, on numeric axes) or <c>uniform</c> (each parameter from either parent).</param>
/// <param name="SwappingProbability">For uniform crossover: chance that a parameter comes from the second parent.</param>
/// <param name="CrossoverEta">SBX distribution index: larger keeps children closer to their parents.</param>
/// <param name="MutationEta">Polynomial mutation distribution index.</param>
public sealed record Nsga2Options(
    int Seed = 0,
    int PopulationSize = 50,
    double? MutationProbability = null,
    double CrossoverProbability = 0.9,
    string Crossover = "sbx",
    double SwappingProbability = 0.5,
    double CrossoverEta = 15,
    double MutationEta = 20);
