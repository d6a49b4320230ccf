namespace HyperBus.Samplers.GaussianProcess;

/// <summary>The Matérn 5/2 kernel with one lengthscale per dimension; categorical dimensions use a 0/1 (Hamming) distance.</summary>
/// <remarks>
/// Written as a function of the squared scaled distance u = Σ ils_j δ_j², as Optuna's GP does: both the
/// value and du-derivative are smooth at u = 0, so gradients never divide by zero.
/// </remarks>
internal static class MaternKernel
{
    private static readonly double Sqrt5 = Math.Sqrt(5);

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double[] ils, bool[] categorical)
    {
        var u = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            if (categorical[j])
            {
                u += a[j] == b[j] ? 0 : ils[j];
            }
            else
            {
                var d = a[j] - b[j];
                u += ils[j] * d * d;
            }
        }

        return u;
    }

    /// <summary>(1 + √5 r + 5 r²/3) exp(-√5 r) with r = √u.</summary>
    public static double Value(double u)
    {
        var r = Math.Sqrt(u);
        return (1 + (Sqrt5 * r) + (5.0 / 3.0 * u)) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>d Value / du = -(5/6) (1 + √5 r) exp(-√5 r).</summary>
    public static double DerivativeU(double u)
    {
        var r = Math.Sqrt(u);
        return -5.0 / 6.0 * (1 + (Sqrt5 * r)) * Math.Exp(-Sqrt5 * r);
    }
}
