namespace HyperBus.Samplers.GaussianProcess;

/// <summary>
/// The greedy step of a Monte-Carlo batch EI (Snoek et al., "Practical Bayesian optimization of machine learning
/// algorithms", 2012): EI averaged over fantasies of the pending points' outcomes, each fantasy a joint draw from the
/// posterior conditioned into the GP beside the observed trials.
/// </summary>
/// <remarks>
/// Every fantasy conditions on the same inputs (observed and pending), so they share one Cholesky factor and one
/// posterior variance; only the weights K⁻¹y, and hence the means and the best loss, differ. A point next to a
/// pending one gains little: its variance has shrunk there and in most fantasies the pending point already holds
/// what it could find. Unlike a constant liar, no fantasy drags the mean along a valley to a made-up level.
/// </remarks>
internal sealed class FantasyExpectedImprovement
{
    private readonly GaussianProcessModel _model;
    private readonly double[][] _weights;
    private readonly double[] _best;

    private FantasyExpectedImprovement(GaussianProcessModel model, double[][] weights, double[] best)
    {
        _model = model;
        _weights = weights;
        _best = best;
    }

    /// <param name="observed">The GP on the observed rows (<paramref name="x"/>, <paramref name="y"/>).</param>
    /// <param name="bestLoss">The best loss EI improves on without pending points.</param>
    public static FantasyExpectedImprovement Create(
        GaussianProcessModel observed, IReadOnlyList<double[]> x, IReadOnlyList<double> y, IReadOnlyList<double[]> pending, double bestLoss, int fantasies, System.Random random)
    {
        var m = pending.Count;
        var (mean, covariance) = observed.Joint(pending);
        // Outcomes, not latent values: the observed rows carry the fitted noise too.
        var factor = new double[m * m];
        for (var jitter = 1e-9; ; jitter *= 10)
        {
            Array.Copy(covariance, factor, factor.Length);
            for (var a = 0; a < m; a++)
            {
                factor[(a * m) + a] += observed.Parameters.Noise + jitter;
            }

            if (DenseCholesky.Factor(factor, m))
            {
                break;
            }
        }

        var full = GaussianProcessModel.Fit([.. x, .. pending], [.. y, .. mean], observed.Parameters, observed.Categorical);
        var weights = new double[fantasies][];
        var best = new double[fantasies];
        var draw = new double[m];
        for (var s = 0; s < fantasies; s++)
        {
            for (var a = 0; a < m; a++)
            {
                draw[a] = Gaussian(random);
            }

            var outcome = new double[m];
            for (var a = 0; a < m; a++)
            {
                outcome[a] = mean[a] + DenseCholesky.Dot(factor.AsSpan(a * m, a + 1), draw.AsSpan(0, a + 1));
            }

            weights[s] = full.Weights([.. y, .. outcome]);
            best[s] = Math.Min(bestLoss, outcome.Min());
        }

        return new FantasyExpectedImprovement(full, weights, best);
    }

    /// <summary>log of the fantasy-averaged EI at <paramref name="point"/>, with its gradient when asked.</summary>
    public double LogValue(double[] point, double[]? gradient)
    {
        var d = point.Length;
        var s = _weights.Length;
        var dMean = gradient is null ? null : new double[d];
        var dVar = gradient is null ? null : new double[d];
        var (_, variance) = _model.Predict(point, dMean, dVar);
        var means = new double[s];
        var meanGradients = gradient is null ? null : Enumerable.Range(0, s).Select(_ => new double[d]).ToArray();
        _model.Means(point, _weights, means, meanGradients);
        var logs = new double[s];
        var gradients = gradient is null ? null : new double[s][];
        for (var k = 0; k < s; k++)
        {
            var g = gradient is null ? null : new double[d];
            if (gradients is not null)
            {
                gradients[k] = g!;
            }

            logs[k] = LogExpectedImprovement.Value(_best[k], means[k], variance, meanGradients?[k], dVar, g);
        }

        // log mean exp, stable; the gradient is the softmax-weighted mean of the fantasies' gradients.
        var max = logs.Max();
        var sum = logs.Sum(v => Math.Exp(v - max));
        if (gradient is not null && gradients is not null)
        {
            Array.Clear(gradient);
            for (var k = 0; k < s; k++)
            {
                var w = Math.Exp(logs[k] - max) / sum;
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += w * gradients[k][j];
                }
            }
        }

        return max + Math.Log(sum) - Math.Log(s);
    }

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
