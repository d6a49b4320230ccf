using HyperBus.Core.Specs;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Core.Tests;

/// <summary>Parses specs against the shipped samplers and schedulers and a fixed set of trainer kinds.</summary>
public static class SpecParsing
{
    public static SpecCatalogs Catalogs { get; } = new(SamplerCatalog.Default, SchedulerCatalog.Default, ["mlnet-lightgbm", "function"]);

    public static StudySpec Parse(string yaml, SpecOverrides? overrides = null) => StudySpecParser.Parse(yaml, Catalogs, overrides);

    public static IReadOnlyList<SpecError> Errors(string yaml) =>
        Assert.Throws<SpecException>(() => Parse(yaml)).Errors;

    public const string Valid = """
        study: wine-lightgbm
        direction: maximize
        metric: accuracy
        trials: 30
        parallelism: 2
        sampler: { type: random, seed: 42 }
        trainer: mlnet-lightgbm
        fixed: { dataset: wine, folds: 5 }
        space:
          learningRate: { type: float, low: 0.01, high: 0.5, log: true }
          numberOfLeaves: { type: int, low: 4, high: 64 }
          minimumExampleCountPerLeaf: { type: int, low: 2, high: 30 }
          numberOfIterations: { type: int, low: 20, high: 300, step: 10 }
        """;
}
