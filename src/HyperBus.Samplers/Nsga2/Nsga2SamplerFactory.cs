using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// Registers <c>sampler: {type: nsga2, seed, populationSize, mutationProbability, crossoverProbability,
/// crossover: sbx|uniform, swappingProbability, crossoverEta, mutationEta}</c>; the default with several directions.
/// </summary>
public sealed class Nsga2SamplerFactory : ISamplerFactory
{
    private static readonly string[] Crossovers = ["sbx", "uniform"];

    public string Type => "nsga2";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new Nsga2Sampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static Nsga2Options Read(SpecObjectReader o)
    {
        var d = new Nsga2Options();
        return new Nsga2Options(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            (int)(o.Integer("populationSize", 2, 100_000) ?? d.PopulationSize),
            o.Number("mutationProbability", 0, 1) ?? d.MutationProbability,
            o.Number("crossoverProbability", 0, 1) ?? d.CrossoverProbability,
            o.Enum("crossover", Crossovers) ?? d.Crossover,
            o.Number("swappingProbability", 0, 1) ?? d.SwappingProbability,
            o.Number("crossoverEta", 0, 1000) ?? d.CrossoverEta,
            o.Number("mutationEta", 0, 1000) ?? d.MutationEta);
    }
}
