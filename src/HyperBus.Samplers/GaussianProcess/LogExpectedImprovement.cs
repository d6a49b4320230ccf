namespace HyperBus.Samplers.GaussianProcess;

/// <summary>log EI for minimisation, computed stably even where EI underflows (Ament et al., "Unexpected improvements to expected improvement").</summary>
internal static class LogExpectedImprovement
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log EI at a point with posterior (mean, variance) given the best loss so far, and its gradient from theirs.</summary>
    public static double Value(double best, double mean, double variance, double[]? meanGradient, double[]? varianceGradient, double[]? gradient)
    {
        var sigma = Math.Sqrt(variance);
        var z = (best - mean) / sigma;
        var value = Math.Log(sigma) + LogH(z);
        if (gradient is not null && meanGradient is not null && varianceGradient is not null)
        {
            var dLogH = DLogH(z);
            for (var j = 0; j < gradient.Length; j++)
            {
                var dSigma = varianceGradient[j] / (2 * sigma);
                var dz = (-meanGradient[j] - (z * dSigma)) / sigma;
                gradient[j] = (dSigma / sigma) + (dLogH * dz);
            }
        }

        return value;
    }

    /// <summary>log h(z), h(z) = z Φ(z) + φ(z) = EI / σ.</summary>
    public static double LogH(double z)
    {
        if (z > -5)
        {
            return Math.Log((z * Tpe.TruncatedNormal.Phi(z)) + Math.Exp((-0.5 * z * z) - LogSqrt2Pi));
        }

        // h(z) = φ(z) (1/z² - 3/z⁴ + 15/z⁶ - 105/z⁸ ...) in the left tail, where the direct sum cancels.
        var z2 = z * z;
        var series = (1 / z2) * (1 - (3 / z2) + (15 / (z2 * z2)) - (105 / (z2 * z2 * z2)));
        return (-0.5 * z2) - LogSqrt2Pi + Math.Log(series);
    }

    /// <summary>d log h / dz = Φ(z) / h(z).</summary>
    public static double DLogH(double z)
    {
        if (z > -5)
        {
            return Tpe.TruncatedNormal.Phi(z) / Math.Exp(LogH(z));
        }

        // Φ(z)/φ(z) ≈ (1/-z)(1 - 1/z² + 3/z⁴ - 15/z⁶) and h/φ from the series above.
        var z2 = z * z;
        var mills = (1 / -z) * (1 - (1 / z2) + (3 / (z2 * z2)) - (15 / (z2 * z2 * z2)));
        var ratio = (1 / z2) * (1 - (3 / z2) + (15 / (z2 * z2)) - (105 / (z2 * z2 * z2)));
        return mills / ratio;
    }
}
