using System.Globalization;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Genetic;

/// <summary>A genetic algorithm: tournament selection, crossover, mutation and elitism, one generation of trials at a time.</summary>
/// <remarks>
/// Stateless: generation g is trials [g * size, (g + 1) * size), and its parent pool is rebuilt from the
/// stored trials of the earlier generations (the <see cref="GeneticOptions.Elites"/> best of all of
/// them, then the best of generation g - 1). Each child's randomness comes from (seed, trial number),
/// so a restarted host breeds the same children. The saga's generation barrier makes generation g wait
/// for all of g - 1; called without it (a parallel batch), unfinished members are simply left out.
/// </remarks>
public sealed class GeneticSampler : IPlanningSampler, IPopulationSampler
{
    public const string ParentsAttribute = "ga.parents";
    private const int DuplicateRetries = 16;
    private readonly GeneticOptions _options;
    private readonly GeneticOperators _operators;

    public GeneticSampler(GeneticOptions options)
    {
        _options = options;
        _operators = new GeneticOperators(options);
    }

    public int PopulationSize => _options.PopulationSize;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [.. Plan(study, count).Select(p => p.Params)];

    public IReadOnlyList<TrialPlan> Plan(StudyView study, int count)
    {
        var seen = new HashSet<ParameterSet>(study.Trials.Select(t => t.Params));
        var pools = new Dictionary<int, List<Trial>>();
        var result = new List<TrialPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var number = study.NextTrialNumber + i;
            var generation = number / _options.PopulationSize;
            if (!pools.TryGetValue(generation, out var pool))
            {
                pool = ParentPool(study, generation);
                pools[generation] = pool;
            }

            var random = TrialRandom.For(_options.Seed, number);
            var (config, parents) = pool.Count < 2 ? (Fresh(study.Space, seen, random), "") : Breed(study, pool, seen, random);
            seen.Add(config);
            result.Add(new TrialPlan(config)
            {
                Attributes = new Dictionary<string, string>
                {
                    [TrialAttributeKeys.Generation] = generation.ToString(CultureInfo.InvariantCulture),
                    [ParentsAttribute] = parents,
                },
            });
        }

        return result;
    }

    /// <summary>The best <c>elites</c> of every earlier generation, then generation g - 1's best, up to the population size.</summary>
    private List<Trial> ParentPool(StudyView study, int generation)
    {
        var start = generation * _options.PopulationSize;
        var earlier = study.Trials.Where(t => t.Number < start && PopulationRanking.IsInformative(t));
        var pool = PopulationRanking.BestFirst(study, earlier).Take(_options.Elites ?? _options.PopulationSize).ToList();
        var previous = study.Trials.Where(t => t.Number >= start - _options.PopulationSize && t.Number < start && PopulationRanking.IsInformative(t));
        pool.AddRange(PopulationRanking.BestFirst(study, previous.Except(pool)).Take(_options.PopulationSize - pool.Count));
        return PopulationRanking.BestFirst(study, pool);
    }

    private (ParameterSet Config, string Parents) Breed(StudyView study, List<Trial> pool, HashSet<ParameterSet> seen, System.Random random)
    {
        for (var attempt = 0; attempt < DuplicateRetries; attempt++)
        {
            var first = Tournament(study, pool, random, null);
            var second = Tournament(study, pool, random, first);
            var child = _operators.Child(study.Space, first.Params, second.Params, random);
            // A copy of a trial already run would spend a trial on a known value; breed again instead.
            if (!seen.Contains(child))
            {
                return (child, string.Create(CultureInfo.InvariantCulture, $"{first.Number},{second.Number}"));
            }
        }

        return (Fresh(study.Space, seen, random), "");
    }

    /// <summary>The best of <c>tournamentSize</c> distinct members drawn from the pool (leaving out <paramref name="other"/> when possible).</summary>
    private Trial Tournament(StudyView study, List<Trial> pool, System.Random random, Trial? other)
    {
        var entrants = pool.Count > 1 && other is not null ? pool.Where(t => !ReferenceEquals(t, other)).ToList() : [.. pool];
        Trial? winner = null;
        for (var k = 0; k < _options.TournamentSize && entrants.Count > 0; k++)
        {
            var index = random.Next(entrants.Count);
            var candidate = entrants[index];
            entrants.RemoveAt(index);
            if (winner is null || PopulationRanking.IsBetter(study, candidate, winner))
            {
                winner = candidate;
            }
        }

        return winner!;
    }

    private static ParameterSet Fresh(SearchSpace space, HashSet<ParameterSet> seen, System.Random random)
    {
        var config = RandomSampler.SampleOne(space, random);
        for (var attempt = 0; attempt < DuplicateRetries && seen.Contains(config); attempt++)
        {
            config = RandomSampler.SampleOne(space, random);
        }

        return config;
    }
}
