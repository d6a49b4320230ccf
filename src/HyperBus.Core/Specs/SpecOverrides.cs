namespace HyperBus.Core.Specs;

/// <summary>Command-line values that replace the spec's own (<c>--trials</c>, <c>--parallelism</c>, <c>--seed</c>).</summary>
public sealed record SpecOverrides(int? Trials = null, int? Parallelism = null, int? Seed = null);
