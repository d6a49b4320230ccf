using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// Makes one child from a parent population: binary crowded tournament, crossover (SBX on numeric axes
/// in [0, 1], or uniform) and mutation (polynomial on numeric axes, a fresh draw for categoricals). A
/// parameter only one parent has (conditional spaces) is inherited from it; one neither has is drawn at random.
/// </summary>
internal sealed class Nsga2Variation
{
    private readonly Nsga2Options _options;
    private readonly SearchSpace _space;
    private readonly double _mutationProbability;

    public Nsga2Variation(Nsga2Options options, SearchSpace space)
    {
        _options = options;
        _space = space;
        _mutationProbability = options.MutationProbability ?? 1.0 / Math.Max(1, space.Parameters.Count);
    }

    public ParameterSet Breed(IReadOnlyList<RankedCandidate> parents, System.Random random)
    {
        var first = Tournament(parents, random).Candidate.Trial.Params;
        var second = Tournament(parents, random).Candidate.Trial.Params;
        var cross = random.NextDouble() < _options.CrossoverProbability;
        return _space.Build((p, _) =>
        {
            var hasA = first.TryGetValue(p.Name, out var a) && p.Contains(p.Normalize(a));
            var hasB = second.TryGetValue(p.Name, out var b) && p.Contains(p.Normalize(b));
            object value;
            if (!hasA && !hasB)
            {
                return RandomSampler.SampleParameter(p, random);
            }
            else if (hasA && hasB && cross)
            {
                value = p is NumericParameter n && _options.Crossover == "sbx"
                    ? Sbx(n, a!, b!, random)
                    : random.NextDouble() < _options.SwappingProbability ? b! : a!;
            }
            else
            {
                value = hasA ? a! : b!;
            }

            value = p.Normalize(value);
            if (random.NextDouble() < _mutationProbability)
            {
                value = p is NumericParameter numeric ? Mutate(numeric, value, random) : RandomSampler.SampleParameter(p, random);
            }

            return value;
        });
    }

    private static RankedCandidate Tournament(IReadOnlyList<RankedCandidate> parents, System.Random random)
    {
        var a = parents[random.Next(parents.Count)];
        var b = parents[random.Next(parents.Count)];
        return b.Beats(a) ? b : a;
    }

    /// <summary>Simulated binary crossover (Deb and Agrawal 1995) with the bounds of [0, 1]; returns one of the two children.</summary>
    private object Sbx(NumericParameter p, object a, object b, System.Random random)
    {
        var x1 = UnitInterval.ToUnit(p, NumericParameter.AsDouble(a));
        var x2 = UnitInterval.ToUnit(p, NumericParameter.AsDouble(b));
        // As in Deb's reference scheme, each variable is recombined with probability 0.5.
        if (random.NextDouble() > 0.5 || Math.Abs(x1 - x2) < 1e-14)
        {
            return a;
        }

        var low = Math.Min(x1, x2);
        var high = Math.Max(x1, x2);
        var eta = _options.CrossoverEta;
        var u = random.NextDouble();
        double Spread(double beta)
        {
            var alpha = 2 - Math.Pow(beta, -(eta + 1));
            return u <= 1 / alpha ? Math.Pow(u * alpha, 1 / (eta + 1)) : Math.Pow(1 / (2 - (u * alpha)), 1 / (eta + 1));
        }

        var c1 = 0.5 * (low + high - (Spread(1 + (2 * low / (high - low))) * (high - low)));
        var c2 = 0.5 * (low + high + (Spread(1 + (2 * (1 - high) / (high - low))) * (high - low)));
        var child = random.NextDouble() < 0.5 ? c1 : c2;
        return UnitInterval.FromUnit(p, Math.Clamp(child, 0, 1));
    }

    /// <summary>Deb's bounded polynomial mutation on [0, 1].</summary>
    private object Mutate(NumericParameter p, object value, System.Random random)
    {
        var x = UnitInterval.ToUnit(p, NumericParameter.AsDouble(value));
        var eta = _options.MutationEta;
        var u = random.NextDouble();
        double delta;
        if (u < 0.5)
        {
            var v = (2 * u) + ((1 - (2 * u)) * Math.Pow(1 - x, eta + 1));
            delta = Math.Pow(v, 1 / (eta + 1)) - 1;
        }
        else
        {
            var v = (2 * (1 - u)) + (2 * (u - 0.5) * Math.Pow(x, eta + 1));
            delta = 1 - Math.Pow(v, 1 / (eta + 1));
        }

        return UnitInterval.FromUnit(p, Math.Clamp(x + delta, 0, 1));
    }
}
