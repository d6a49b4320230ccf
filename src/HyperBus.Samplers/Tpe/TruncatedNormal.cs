using MathNet.Numerics;

namespace HyperBus.Samplers.Tpe;

/// <summary>The standard normal truncated to [a, b]: sampling and log masses that stay finite far in the tails.</summary>
internal static class TruncatedNormal
{
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log(Phi(b) - Phi(a)) for a &lt; b.</summary>
    public static double LogMass(double a, double b)
    {
        if (a >= 0)
        {
            // Mirror into the left tail, where LogPhi is accurate.
            (a, b) = (-b, -a);
        }

        if (b <= 0)
        {
            var lb = LogPhi(b);
            var la = LogPhi(a);
            return lb + Log1mExp(la - lb);
        }

        // Tails beyond 8.5 sigma are below 1e-17 and vanish next to 1; skipping erfc there is what
        // makes fitting a thousand kernels cheap (most kernels are narrow next to the range).
        var tails = (a < -8.5 ? 0 : Phi(a)) + (b > 8.5 ? 0 : Phi(-b));
        return Math.Log(Math.Max(1 - tails, 1e-300));
    }

    /// <summary>A draw from the normal truncated to [a, b] by inverting the CDF.</summary>
    public static double Sample(System.Random random, double a, double b)
    {
        if (a > 0)
        {
            return -Sample(random, -b, -a);
        }

        // With a &lt;= 0 the interval reaches the centre or the left tail, where Phi has full precision.
        var pa = Phi(a);
        var pb = Phi(b);
        var p = pa + (random.NextDouble() * (pb - pa));
        var x = PhiInverse(Math.Clamp(p, 1e-300, 1 - 1e-16));
        return Math.Clamp(x, a, b);
    }

    public static double Phi(double x) => 0.5 * SpecialFunctions.Erfc(-x / Sqrt2);

    public static double PhiInverse(double p) => -Sqrt2 * SpecialFunctions.ErfcInv(2 * p);

    /// <summary>log of the standard normal CDF; an asymptotic series where erfc underflows.</summary>
    public static double LogPhi(double x)
    {
        if (x > -30)
        {
            return Math.Log(Phi(x));
        }

        var x2 = x * x;
        return (-0.5 * x2) - Math.Log(-x) - LogSqrt2Pi + Math.Log(1 - (1 / x2) + (3 / (x2 * x2)));
    }

    private static double Log1mExp(double x) =>
        x > -0.693 ? Math.Log(-SpecialFunctions.Expm1(x)) : SpecialFunctions.Log1p(-Math.Exp(x));
}
