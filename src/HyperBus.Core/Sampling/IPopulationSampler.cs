namespace HyperBus.Core.Sampling;

/// <summary>
/// A sampler that works in generations (GA, PSO, synchronous PBT): trial numbers
/// [g * size, (g + 1) * size) form generation g. The saga holds a barrier: it creates no trial of
/// generation g + 1 until every trial of generation g has finished (failed and pruned count as finished),
/// so the next generation is computed from complete results. Because the generation follows from trial
/// numbers in the store, a restarted host resumes mid-generation without losing or repeating members.
/// </summary>
public interface IPopulationSampler : ISampler
{
    int PopulationSize { get; }
}
