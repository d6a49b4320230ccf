using HyperBus.Core.Space;

namespace HyperBus.Samplers.Common;

/// <summary>Maps a numeric parameter to [0, 1] and back, on its internal (log) axis.</summary>
/// <remarks>
/// Integers and stepped floats get half a step of margin at each end, so that after rounding every
/// value owns an equal share of [0, 1] (the same widening Optuna's TPE and CMA-ES use).
/// </remarks>
public static class UnitInterval
{
    public static (double Low, double High) Bounds(NumericParameter p)
    {
        var half = HalfStep(p);
        if (p.Log)
        {
            return (Math.Log(p.Low - half), Math.Log(p.High + half));
        }

        return (p.Low - half, p.High + half);
    }

    public static double ToUnit(NumericParameter p, double value)
    {
        var (low, high) = Bounds(p);
        var x = p.Log ? Math.Log(value) : value;
        return Math.Clamp((x - low) / (high - low), 0, 1);
    }

    /// <summary>The parameter value at <paramref name="u"/>, rounded to the step and clipped into the domain.</summary>
    public static object FromUnit(NumericParameter p, double u)
    {
        var (low, high) = Bounds(p);
        var x = low + (Math.Clamp(u, 0, 1) * (high - low));
        var value = p.Log ? Math.Exp(x) : x;
        // FromInternal rounds to the step or listed value and clips to [low, high].
        return p.FromInternal(p.ToInternal(Math.Clamp(value, p.Low, p.High)));
    }

    private static double HalfStep(NumericParameter p) => p switch
    {
        { Values: not null } => 0,
        IntParameter i => 0.5 * i.Step,
        FloatParameter { Step: { } s, Log: false } => 0.5 * s,
        _ => 0,
    };
}
