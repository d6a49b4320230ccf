using HyperBus.Core.Space;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.ParticleSwarm;

/// <summary>One particle's next position from its last two positions, its own best and the swarm's best.</summary>
/// <remarks>
/// Numbers move on their unit interval (log scales included): v' = w v + c1 r1 (pbest - x) + c2 r2 (gbest - x),
/// each component clamped to the maximum velocity, the position clamped into [0, 1] and rounded for
/// integers. The velocity v is the particle's last actual move (the difference of its last two stored
/// positions), so nothing but the trials is needed. A categorical keeps its value, takes the personal
/// best's or the global best's with odds w : c1 r1 : c2 r2, and is redrawn at random with a small chance
/// so the swarm never fixes a choice for good.
/// </remarks>
internal sealed class ParticleMove
{
    private const double CategoricalRedraw = 0.1;
    private readonly ParticleSwarmOptions _options;

    public ParticleMove(ParticleSwarmOptions options)
    {
        _options = options;
    }

    /// <param name="jitter">Extra uniform noise (a fraction of each range) when the plain move lands on a known point.</param>
    public ParameterSet Next(SearchSpace space, ParameterSet current, ParameterSet? previous, ParameterSet personal, ParameterSet global, System.Random random, double jitter)
    {
        return space.Build((p, _) =>
        {
            if (p is NumericParameter n)
            {
                var x = current.TryGetValue(p.Name, out var xv) ? Unit(n, xv) : random.NextDouble();
                var v = previous is not null && previous.TryGetValue(p.Name, out var pv) && current.ContainsKey(p.Name) ? x - Unit(n, pv) : 0;
                var move = _options.Inertia * v;
                if (personal.TryGetValue(p.Name, out var pb))
                {
                    move += _options.Cognitive * random.NextDouble() * (Unit(n, pb) - x);
                }

                if (global.TryGetValue(p.Name, out var gb))
                {
                    move += _options.Social * random.NextDouble() * (Unit(n, gb) - x);
                }

                move = Math.Clamp(move, -_options.MaxVelocity, _options.MaxVelocity);
                move += jitter * ((2 * random.NextDouble()) - 1);
                return UnitInterval.FromUnit(n, Math.Clamp(x + move, 0, 1));
            }

            return Choose(p, current, personal, global, random, jitter);
        });
    }

    private object Choose(Parameter p, ParameterSet current, ParameterSet personal, ParameterSet global, System.Random random, double jitter)
    {
        if (random.NextDouble() < CategoricalRedraw + jitter)
        {
            return RandomSampler.SampleParameter(p, random);
        }

        var options = new List<(object Value, double Weight)>();
        if (current.TryGetValue(p.Name, out var c))
        {
            options.Add((c, _options.Inertia));
        }

        if (personal.TryGetValue(p.Name, out var pb))
        {
            options.Add((pb, _options.Cognitive * random.NextDouble()));
        }

        if (global.TryGetValue(p.Name, out var gb))
        {
            options.Add((gb, _options.Social * random.NextDouble()));
        }

        var total = options.Sum(o => o.Weight);
        if (options.Count == 0 || total <= 0)
        {
            return RandomSampler.SampleParameter(p, random);
        }

        var pick = random.NextDouble() * total;
        foreach (var (value, weight) in options)
        {
            pick -= weight;
            if (pick <= 0)
            {
                return p.Normalize(value);
            }
        }

        return p.Normalize(options[^1].Value);
    }

    private static double Unit(NumericParameter p, object value) => UnitInterval.ToUnit(p, NumericParameter.AsDouble(value));
}
