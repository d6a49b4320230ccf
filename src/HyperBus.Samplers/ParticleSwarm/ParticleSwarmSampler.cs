using System.Globalization;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Genetic;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.ParticleSwarm;

/// <summary>Particle swarm optimisation (Kennedy and Eberhart 1995, global-best topology), one generation of trials per swarm move.</summary>
/// <remarks>
/// Particle i's positions are trials i, size + i, 2 size + i, ...; its velocity, its own best and the
/// swarm's best all follow from those stored trials, so the sampler keeps no state and a restarted host
/// moves the swarm the same way (randomness from (seed, trial number)). Failed and pruned positions rank
/// below every completed one. A move that lands on a point already tried is jittered until it is new.
/// </remarks>
public sealed class ParticleSwarmSampler : IPlanningSampler, IPopulationSampler
{
    public const string ParticleAttribute = "pso.particle";
    private const int DuplicateRetries = 16;
    private readonly ParticleSwarmOptions _options;
    private readonly ParticleMove _move;

    public ParticleSwarmSampler(ParticleSwarmOptions options)
    {
        _options = options;
        _move = new ParticleMove(options);
    }

    public int PopulationSize => _options.SwarmSize;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [.. Plan(study, count).Select(p => p.Params)];

    public IReadOnlyList<TrialPlan> Plan(StudyView study, int count)
    {
        var size = _options.SwarmSize;
        var seen = new HashSet<ParameterSet>(study.Trials.Select(t => t.Params));
        var byNumber = study.Trials.ToDictionary(t => t.Number);
        var result = new List<TrialPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var number = study.NextTrialNumber + i;
            var (generation, particle) = (number / size, number % size);
            var random = TrialRandom.For(_options.Seed, number);
            var current = byNumber.GetValueOrDefault(number - size);
            var config = current is null ? Fresh(study.Space, seen, random) : Move(study, byNumber, number, current, seen, random);
            seen.Add(config);
            result.Add(new TrialPlan(config)
            {
                Attributes = new Dictionary<string, string>
                {
                    [TrialAttributeKeys.Generation] = generation.ToString(CultureInfo.InvariantCulture),
                    [ParticleAttribute] = particle.ToString(CultureInfo.InvariantCulture),
                },
            });
        }

        return result;
    }

    private ParameterSet Move(StudyView study, Dictionary<int, Trial> byNumber, int number, Trial current, HashSet<ParameterSet> seen, System.Random random)
    {
        var size = _options.SwarmSize;
        var start = number / size * size;
        // Only generations before this one inform the move: trials of this generation (a parallel batch
        // without the barrier) are not known to the other particles yet in a synchronous swarm.
        var informative = study.Trials.Where(t => t.Number < start && PopulationRanking.IsInformative(t)).ToList();
        var own = informative.Where(t => t.Number % size == number % size).ToList();
        var personal = own.Count > 0 ? PopulationRanking.BestFirst(study, own)[0].Params : current.Params;
        var global = informative.Count > 0 ? PopulationRanking.BestFirst(study, informative)[0].Params : personal;
        var previous = byNumber.GetValueOrDefault(number - (2 * size))?.Params;
        for (var attempt = 0; attempt < DuplicateRetries; attempt++)
        {
            var next = _move.Next(study.Space, current.Params, previous, personal, global, random, jitter: attempt * 0.01);
            if (!seen.Contains(next))
            {
                return next;
            }
        }

        return Fresh(study.Space, seen, random);
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
