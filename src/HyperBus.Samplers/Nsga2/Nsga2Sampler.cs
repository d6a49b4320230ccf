using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// NSGA-II (Deb et al. 2002), Optuna's default multi-objective sampler: generations of
/// <see cref="Nsga2Options.PopulationSize"/> trials, elitist selection by non-dominated front and crowding
/// distance with constrained domination, children by crossover and mutation. Generation 0 is random.
/// </summary>
/// <remarks>
/// It is not a barrier-holding population sampler: a child is bred from the trials of earlier generations
/// that have finished, so parallel and ask-and-tell studies never wait. Sequentially, generation g + 1 sees
/// all of generation g.
/// </remarks>
public sealed class Nsga2Sampler : ISampler
{
    private readonly Nsga2Options _options;
    private readonly Nsga2ParentCache _parents = new();

    public Nsga2Sampler(Nsga2Options options)
    {
        if (options.PopulationSize < 2)
        {
            throw new ArgumentException("populationSize must be at least 2", nameof(options));
        }

        _options = options;
    }

    public Nsga2Options Options => _options;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var size = _options.PopulationSize;
        var variation = new Nsga2Variation(_options, study.Space);
        var result = new List<ParameterSet>(count);
        var cachedGeneration = -1;
        IReadOnlyList<RankedCandidate> parents = [];
        var seen = study.Trials.Select(t => t.Params).ToHashSet(ConfigurationComparer.Instance);
        for (var i = 0; i < count; i++)
        {
            var number = study.NextTrialNumber + i;
            var generation = number / size;
            if (generation != cachedGeneration)
            {
                parents = _parents.ParentsOf(study, generation, size);
                cachedGeneration = generation;
            }

            var random = TrialRandom.For(_options.Seed, number);
            // Too few finished parents to recombine (generation 0, or everything failed): explore at random.
            var child = parents.Count < 2 ? RandomSampler.SampleOne(study.Space, random) : variation.Breed(parents, random);
            // A copy of a parent (no crossover, no mutation) or of a batch sibling wastes a trial: breed again, a few times at most.
            for (var retry = 0; retry < 10 && seen.Contains(child); retry++)
            {
                child = parents.Count < 2 ? RandomSampler.SampleOne(study.Space, random) : variation.Breed(parents, random);
            }

            seen.Add(child);
            result.Add(child);
        }

        return result;
    }
}
