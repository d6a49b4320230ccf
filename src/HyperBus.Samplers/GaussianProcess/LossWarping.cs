namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Compresses heavy-tailed losses before the GP standardises them: a Box-Cox transform of 1 + gap to the best / median gap, its power chosen by likelihood in [0, 1].</summary>
/// <remarks>
/// Rosenbrock-like objectives span orders of magnitude, so a few huge losses set the standard deviation
/// and flatten every difference near the optimum. Power 0 is a log (kept order, compressed tail), power 1
/// is the identity (after standardisation, the losses unchanged); the maximum-likelihood power picks the
/// log only for right-skewed losses, so objectives whose bad values are not outliers (Hartmann, Ackley)
/// are modelled as before. Monotone, so the best trial stays the best.
/// </remarks>
internal static class LossWarping
{
    private const int PowerSteps = 20;

    public static double[] Apply(double[] losses)
    {
        var best = losses.Min();
        var sorted = losses.Select(v => v - best).Order().ToArray();
        var median = sorted[sorted.Length / 2];
        if (!(median > 0) || !double.IsFinite(sorted[^1]))
        {
            return (double[])losses.Clone();
        }

        var z = losses.Select(v => 1 + ((v - best) / median)).ToArray();
        var power = BestPower(z);
        return [.. z.Select(v => Transform(v, power))];
    }

    /// <summary>The Box-Cox power in [0, 1] (a grid of <see cref="PowerSteps"/> steps) of largest profile log-likelihood.</summary>
    public static double BestPower(double[] z)
    {
        var sumLog = z.Sum(Math.Log);
        var (bestPower, bestLikelihood) = (1.0, double.NegativeInfinity);
        for (var k = 0; k <= PowerSteps; k++)
        {
            var power = (double)k / PowerSteps;
            var t = z.Select(v => Transform(v, power)).ToArray();
            var mean = t.Average();
            var variance = t.Sum(v => (v - mean) * (v - mean)) / t.Length;
            if (!(variance > 0) || !double.IsFinite(variance))
            {
                continue;
            }

            var likelihood = (-0.5 * z.Length * Math.Log(variance)) + ((power - 1) * sumLog);
            if (likelihood > bestLikelihood)
            {
                (bestPower, bestLikelihood) = (power, likelihood);
            }
        }

        return bestPower;
    }

    private static double Transform(double z, double power) =>
        power == 0 ? Math.Log(z) : (Math.Pow(z, power) - 1) / power;
}
