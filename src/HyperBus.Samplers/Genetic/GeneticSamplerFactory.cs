using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Genetic;

/// <summary>
/// Registers <c>sampler: {type: ga, seed, populationSize, tournamentSize, crossover, crossoverProbability,
/// sbxEta, blendAlpha, mutationProbability, mutationEta, elites}</c>.
/// </summary>
public sealed class GeneticSamplerFactory : ISamplerFactory
{
    public string Type => "ga";

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options);

    public ISampler Create(ComponentSpec spec, SearchSpace space, StudyDirection direction) =>
        new GeneticSampler(Read(new SpecObjectReader(spec.Options, "sampler", [])));

    private static GeneticOptions Read(SpecObjectReader o)
    {
        var d = new GeneticOptions();
        var size = (int)(o.Integer("populationSize", 2, 100000) ?? d.PopulationSize);
        var tournament = (int)(o.Integer("tournamentSize", 1, 100000) ?? d.TournamentSize);
        if (tournament > size)
        {
            o.Error("tournamentSize", $"must be <= populationSize ({size}), not {tournament}");
        }

        var elites = (int?)o.Integer("elites", 0, 100000);
        if (elites > size)
        {
            o.Error("elites", $"must be <= populationSize ({size}), not {elites}");
        }

        return new GeneticOptions(
            (int)(o.Integer("seed", int.MinValue, int.MaxValue) ?? d.Seed),
            size,
            tournament,
            o.Enum("crossover", ["sbx", "blend"]) ?? d.Crossover,
            o.Number("crossoverProbability", 0, 1) ?? d.CrossoverProbability,
            o.Number("sbxEta", 0, 1000) ?? d.SbxEta,
            o.Number("blendAlpha", 0, 10) ?? d.BlendAlpha,
            o.Number("mutationProbability", 0, 1) ?? d.MutationProbability,
            o.Number("mutationEta", 0, 1000) ?? d.MutationEta,
            elites);
    }
}
