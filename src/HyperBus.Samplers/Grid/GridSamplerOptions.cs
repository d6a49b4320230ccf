namespace HyperBus.Samplers.Grid;

/// <summary>Options of <see cref="GridSampler"/>.</summary>
/// <param name="Shuffle">Visit the grid in a seeded random order (useful when <c>trials</c> is below the grid size).</param>
public sealed record GridSamplerOptions(bool Shuffle = false, int Seed = 0);
