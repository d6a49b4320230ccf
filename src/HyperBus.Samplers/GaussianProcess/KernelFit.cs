using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Chooses kernel hyperparameters by maximising the log marginal likelihood plus log priors (L-BFGS over log parameters).</summary>
/// <remarks>
/// The priors are Optuna's GPSampler ones: -(0.1/ils + 0.1 ils) per inverse squared lengthscale (keeps
/// lengthscales near the unit cube's size), Gamma(2, 1) on the signal variance and Gamma(1.1, 30) on the
/// noise variance, which must stay above <see cref="MinimumNoise"/> so the kernel matrix stays invertible.
/// </remarks>
internal static class KernelFit
{
    public const double MinimumNoise = 1e-6;
    private const double Bound = 12;

    /// <summary>The best of a default start and <paramref name="restarts"/> random starts (run in parallel).</summary>
    public static KernelParameters Fit(double[][] x, double[] y, bool[] categorical, System.Random random, int restarts, int maxIterations, KernelParameters? warmStart = null)
    {
        var d = categorical.Length;
        var starts = new List<double[]> { Encode(new KernelParameters(Enumerable.Repeat(1.0, d).ToArray(), 1.0, 0.01)) };
        if (warmStart is not null)
        {
            starts.Add(Encode(warmStart));
        }

        for (var r = 0; r < restarts; r++)
        {
            var theta = new double[d + 2];
            for (var j = 0; j < d; j++)
            {
                theta[j] = (random.NextDouble() * 4) - 2;
            }

            theta[d] = (random.NextDouble() * 2) - 1;
            theta[d + 1] = Math.Log(1e-4) + (random.NextDouble() * 6);
            starts.Add(theta);
        }

        var results = new (double Value, double[] Theta)[starts.Count];
        Parallel.For(0, starts.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, s =>
            results[s] = Minimise(x, y, categorical, starts[s], maxIterations));
        var best = 0;
        for (var s = 1; s < results.Length; s++)
        {
            if (results[s].Value < results[best].Value)
            {
                best = s;
            }
        }

        return Decode(results[best].Theta, d);
    }

    /// <summary>Minus (log marginal likelihood + log prior) and its gradient in the log parameters.</summary>
    public static double NegativeLogPosterior(double[][] x, double[] y, bool[] categorical, double[] theta, double[] gradient)
    {
        var n = x.Length;
        var d = categorical.Length;
        var p = Decode(theta, d);
        // Squared scaled distances once per pair: the matrix and every gradient term reuse them.
        var ils = p.InverseSquaredLengthscales;
        var uPairs = new double[n * n];
        var l = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            l[(a * n) + a] = p.Scale + p.Noise;
            for (var b = 0; b < a; b++)
            {
                var u = MaternKernel.SquaredDistance(x[a], x[b], ils, categorical);
                uPairs[(a * n) + b] = u;
                l[(a * n) + b] = p.Scale * MaternKernel.Value(u);
            }
        }

        if (!DenseCholesky.Factor(l, n))
        {
            Array.Clear(gradient);
            return 1e10;
        }

        var alpha = (double[])y.Clone();
        DenseCholesky.SolveLower(l, n, alpha);
        var logDet = 0.0;
        for (var i = 0; i < n; i++)
        {
            logDet += Math.Log(l[(i * n) + i]);
        }

        var fit = DenseCholesky.Dot(alpha, alpha);
        DenseCholesky.SolveUpper(l, n, alpha);
        var lml = (-0.5 * fit) - logDet - (0.5 * n * Math.Log(2 * Math.PI));

        // d lml / d theta = 0.5 tr(W dK), W = alpha alphaᵀ - K⁻¹ (symmetric: off-diagonal pairs count twice).
        var inv = DenseCholesky.Inverse(l, n);
        Array.Clear(gradient);
        for (var a = 0; a < n; a++)
        {
            var wDiag = (alpha[a] * alpha[a]) - inv[(a * n) + a];
            gradient[d] += 0.5 * wDiag * p.Scale;
            gradient[d + 1] += 0.5 * wDiag * (p.Noise - MinimumNoise);
            for (var b = 0; b < a; b++)
            {
                var w = (alpha[a] * alpha[b]) - inv[(a * n) + b];
                var u = uPairs[(a * n) + b];
                gradient[d] += w * p.Scale * MaternKernel.Value(u);
                var common = w * p.Scale * MaternKernel.DerivativeU(u);
                for (var j = 0; j < d; j++)
                {
                    var delta2 = categorical[j] ? (x[a][j] == x[b][j] ? 0 : 1) : (x[a][j] - x[b][j]) * (x[a][j] - x[b][j]);
                    gradient[j] += common * ils[j] * delta2;
                }
            }
        }

        var logPrior = 0.0;
        for (var j = 0; j < d; j++)
        {
            logPrior -= (0.1 / ils[j]) + (0.1 * ils[j]);
            gradient[j] += (0.1 / ils[j]) - (0.1 * ils[j]);
        }

        logPrior += Math.Log(p.Scale) - p.Scale;
        gradient[d] += 1 - p.Scale;
        logPrior += (0.1 * Math.Log(p.Noise)) - (30 * p.Noise);
        gradient[d + 1] += ((0.1 / p.Noise) - 30) * (p.Noise - MinimumNoise);

        for (var j = 0; j < gradient.Length; j++)
        {
            gradient[j] = -gradient[j];
        }

        return -(lml + logPrior);
    }

    private static (double Value, double[] Theta) Minimise(double[][] x, double[] y, bool[] categorical, double[] start, int maxIterations)
    {
        var best = (Value: double.PositiveInfinity, Theta: start);
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var theta = v.ToArray();
            var penalty = 0.0;
            var g = new double[theta.Length];
            var clipped = theta.Select(t => Math.Clamp(t, -Bound, Bound)).ToArray();
            var value = NegativeLogPosterior(x, y, categorical, clipped, g);
            for (var j = 0; j < theta.Length; j++)
            {
                // A quadratic wall keeps the search inside the box where exp() is well behaved.
                var excess = theta[j] - clipped[j];
                penalty += excess * excess;
                g[j] += 2 * excess;
            }

            value += penalty;
            if (value < best.Value)
            {
                best = (value, clipped);
            }

            return (value, Vector<double>.Build.DenseOfArray(g));
        });
        try
        {
            new LimitedMemoryBfgsMinimizer(1e-3, 1e-4, 1e-6, 5, maxIterations).FindMinimum(objective, Vector<double>.Build.DenseOfArray(start));
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArgumentException)
        {
            // The best point seen so far is good enough: hyperparameters need not be exact.
        }

        return best;
    }

    private static double[] Encode(KernelParameters p) =>
        [.. p.InverseSquaredLengthscales.Select(v => Math.Log(v)), Math.Log(p.Scale), Math.Log(Math.Max(p.Noise - MinimumNoise, 1e-12))];

    private static KernelParameters Decode(double[] theta, int d) =>
        new(theta.Take(d).Select(v => Math.Exp(v)).ToArray(), Math.Exp(theta[d]), MinimumNoise + Math.Exp(theta[d + 1]));
}
