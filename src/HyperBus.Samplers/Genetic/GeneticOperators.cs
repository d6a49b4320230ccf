using HyperBus.Core.Space;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Genetic;

/// <summary>Crossover and mutation on a (possibly conditional) space: SBX or BLX-alpha for floats, uniform for the rest.</summary>
/// <remarks>
/// Floats are mixed on their unit interval (log scales included), so one eta or alpha suits every range.
/// A conditional parameter present in one parent only is inherited from it; present in neither (its
/// parent changed branch) it is drawn at random.
/// </remarks>
internal sealed class GeneticOperators
{
    private readonly GeneticOptions _options;

    public GeneticOperators(GeneticOptions options)
    {
        _options = options;
    }

    public ParameterSet Child(SearchSpace space, ParameterSet first, ParameterSet second, System.Random random)
    {
        var mix = random.NextDouble() < _options.CrossoverProbability;
        var active = CountActive(space, first);
        var mutation = _options.MutationProbability ?? 1.0 / Math.Max(1, active);
        return space.Build((p, _) =>
        {
            var has1 = first.TryGetValue(p.Name, out var v1);
            var has2 = second.TryGetValue(p.Name, out var v2);
            object value = (has1, has2) switch
            {
                (true, true) when mix => Cross(p, p.Normalize(v1!), p.Normalize(v2!), random),
                (true, _) => p.Normalize(v1!),
                (false, true) => p.Normalize(v2!),
                _ => RandomSampler.SampleParameter(p, random),
            };
            return random.NextDouble() < mutation ? Mutate(p, value, random) : value;
        });
    }

    private object Cross(Parameter p, object a, object b, System.Random random)
    {
        if (p is not FloatParameter { Values: null } f)
        {
            // Uniform crossover: each gene from either parent with equal chance.
            return random.NextDouble() < 0.5 ? a : b;
        }

        var x1 = UnitInterval.ToUnit(f, NumericParameter.AsDouble(a));
        var x2 = UnitInterval.ToUnit(f, NumericParameter.AsDouble(b));
        var child = _options.Crossover == "blend" ? Blend(x1, x2, random) : Sbx(x1, x2, random);
        return UnitInterval.FromUnit(f, child);
    }

    /// <summary>Simulated binary crossover (Deb and Agrawal 1995): one of the two children, at random.</summary>
    private double Sbx(double x1, double x2, System.Random random)
    {
        var u = random.NextDouble();
        var exponent = 1 / (_options.SbxEta + 1);
        var beta = u <= 0.5 ? Math.Pow(2 * u, exponent) : Math.Pow(1 / (2 * (1 - u)), exponent);
        var sign = random.NextDouble() < 0.5 ? 1 : -1;
        return Math.Clamp((0.5 * (x1 + x2)) + (sign * 0.5 * beta * (x1 - x2)), 0, 1);
    }

    /// <summary>BLX-alpha (Eshelman and Schaffer 1993): uniform on the parents' interval widened by alpha each side.</summary>
    private double Blend(double x1, double x2, System.Random random)
    {
        var (low, high) = (Math.Min(x1, x2), Math.Max(x1, x2));
        var d = _options.BlendAlpha * (high - low);
        return Math.Clamp(low - d + (random.NextDouble() * (high - low + (2 * d))), 0, 1);
    }

    private object Mutate(Parameter p, object value, System.Random random)
    {
        if (p is NumericParameter { Values: null } n)
        {
            // Polynomial mutation (Deb and Goyal 1996) on the unit interval.
            var x = UnitInterval.ToUnit(n, NumericParameter.AsDouble(value));
            var u = random.NextDouble();
            var exponent = 1 / (_options.MutationEta + 1);
            var delta = u < 0.5 ? Math.Pow(2 * u, exponent) - 1 : 1 - Math.Pow(2 * (1 - u), exponent);
            return UnitInterval.FromUnit(n, Math.Clamp(x + delta, 0, 1));
        }

        return RandomSampler.SampleParameter(p, random);
    }

    private static int CountActive(SearchSpace space, ParameterSet config) =>
        space.Parameters.Count(p => config.ContainsKey(p.Name));
}
