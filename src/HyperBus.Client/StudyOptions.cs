using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Storage;

namespace HyperBus;

/// <summary>How a <see cref="Study"/> samples, prunes and stores; every property has a sensible default.</summary>
public sealed record StudyOptions
{
    /// <summary>A SQLite file to keep the study in (what <c>hyperbus status</c> reads); null keeps it in memory.</summary>
    public string? Storage { get; init; }

    /// <summary>A store to use instead of <see cref="Storage"/> (e.g. one shared with a host).</summary>
    public IStudyStore? Store { get; init; }

    /// <summary>A sampler type as specs name it (random, tpe, gp, cmaes, sobol, grid, nsga2); default random, nsga2 with several directions.</summary>
    public string? Sampler { get; init; }

    /// <summary>The sampler's options as in a spec (<c>nStartupTrials</c>, <c>populationSize</c>, ...).</summary>
    public IReadOnlyDictionary<string, object>? SamplerOptions { get; init; }

    /// <summary>A sampler of your own, built again whenever the discovered space grows; overrides <see cref="Sampler"/>.</summary>
    public Func<SearchSpace, ISampler>? SamplerFactory { get; init; }

    /// <summary>A scheduler or pruner type (fifo, median, percentile, patience, successive-halving, hyperband, asha); default fifo.</summary>
    public string? Scheduler { get; init; }

    public IReadOnlyDictionary<string, object>? SchedulerOptions { get; init; }

    /// <summary>The sampler's seed (unless its options name one): same seed, same trials, in sequential runs.</summary>
    public int? Seed { get; init; }

    /// <summary>The objective's name, for reports.</summary>
    public string Metric { get; init; } = "value";

    /// <summary>Open the stored study of that name instead of failing when it exists.</summary>
    public bool LoadIfExists { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
