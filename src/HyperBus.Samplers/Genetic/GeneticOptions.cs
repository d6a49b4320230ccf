namespace HyperBus.Samplers.Genetic;

/// <summary>Options of <see cref="GeneticSampler"/>.</summary>
/// <param name="PopulationSize">Trials per generation; generation 0 is drawn at random.</param>
/// <param name="TournamentSize">Parents are the best of this many members drawn from the parent pool.</param>
/// <param name="Crossover">How two parents' floats are mixed: simulated binary (<c>sbx</c>) or blend (<c>blend</c>, BLX-alpha).</param>
/// <param name="CrossoverProbability">The chance a child mixes two parents; otherwise it copies the first (then mutates).</param>
/// <param name="SbxEta">SBX's distribution index: larger keeps children closer to their parents.</param>
/// <param name="BlendAlpha">BLX-alpha's extension of the parents' interval on each side, as a fraction of its width.</param>
/// <param name="MutationProbability">Per-gene mutation chance; null for 1 / (number of active parameters).</param>
/// <param name="MutationEta">Polynomial mutation's distribution index for numbers: larger makes smaller moves.</param>
/// <param name="Elites">
/// How many of the best trials ever stay in the parent pool; the rest of it is the latest generation's best.
/// Null keeps the whole pool elite: (mu + lambda) survival as in Optuna's NSGA-II, which measured best at 100 trials.
/// </param>
public sealed record GeneticOptions(
    int Seed = 0,
    int PopulationSize = 20,
    int TournamentSize = 2,
    string Crossover = "sbx",
    double CrossoverProbability = 0.9,
    double SbxEta = 2,
    double BlendAlpha = 0.5,
    double? MutationProbability = null,
    double MutationEta = 20,
    int? Elites = null);
