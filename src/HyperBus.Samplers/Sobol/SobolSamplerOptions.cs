namespace HyperBus.Samplers.Sobol;

/// <summary>Options of <see cref="SobolSampler"/>.</summary>
/// <param name="Seed">Chooses the scrambling; same seed, same points.</param>
/// <param name="Scramble">False gives the plain (unscrambled) sequence, whose first point is the origin.</param>
public sealed record SobolSamplerOptions(int Seed = 0, bool Scramble = true);
