namespace HyperBus.Samplers.Random;

/// <summary>Options of <see cref="RandomSampler"/>.</summary>
/// <param name="Seed">Same seed, same configurations, in the same trial order.</param>
public sealed record RandomSamplerOptions(int Seed = 0);
