using HyperBus.Samplers.Sobol;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Maximises log EI (or a lower confidence bound): scores Sobol' points and perturbations of the best trials, then refines the top few by bounded L-BFGS and a sweep over categorical choices.</summary>
internal sealed class AcquisitionOptimizer
{
    private readonly GaussianProcessModel _model;
    private readonly GpEncoding _encoding;
    private readonly double _best;
    private readonly FantasyExpectedImprovement? _fantasies;
    private readonly double? _explorationWeight;

    /// <param name="fantasies">When given (pending points), the acquisition is this fantasy-averaged EI instead of plain log EI.</param>
    /// <param name="explorationWeight">When given, the acquisition is the lower confidence bound μ - κσ with this κ instead of EI.</param>
    public AcquisitionOptimizer(GaussianProcessModel model, GpEncoding encoding, double best, FantasyExpectedImprovement? fantasies = null, double? explorationWeight = null)
    {
        _model = model;
        _encoding = encoding;
        _best = best;
        _fantasies = fantasies;
        _explorationWeight = explorationWeight;
    }

    public double[] Maximise(System.Random random, int candidates, int localSearches, IReadOnlyList<double[]> incumbents)
    {
        var d = _encoding.Dimensions;
        var pool = new List<double[]>(candidates + (incumbents.Count * 32));
        var sobol = new SobolSequence(Math.Min(d, SobolSequence.MaxDimensions), random);
        for (var i = 0; i < candidates; i++)
        {
            var u = sobol.Point(i);
            var x = new double[d];
            for (var j = 0; j < d; j++)
            {
                var uj = j < u.Length ? u[j] : random.NextDouble();
                x[j] = _encoding.Categorical[j] ? Math.Min((int)(uj * _encoding.ChoiceCounts[j]), _encoding.ChoiceCounts[j] - 1) : uj;
            }

            pool.Add(x);
        }

        // Local exploitation: small Gaussian steps around the best observed points.
        foreach (var incumbent in incumbents)
        {
            for (var i = 0; i < 32; i++)
            {
                var x = (double[])incumbent.Clone();
                var scale = i < 16 ? 0.02 : 0.1;
                for (var j = 0; j < d; j++)
                {
                    if (_encoding.Categorical[j])
                    {
                        if (random.NextDouble() < 1.0 / d)
                        {
                            x[j] = random.Next(_encoding.ChoiceCounts[j]);
                        }
                    }
                    else
                    {
                        x[j] = Math.Clamp(x[j] + (scale * Gaussian(random)), 0, 1);
                    }
                }

                pool.Add(x);
            }
        }

        var scored = pool.Select(x =>
        {
            _encoding.Canonicalize(x);
            return (X: x, Value: Evaluate(x, null));
        }).OrderByDescending(t => t.Value).ToList();
        var best = scored[0];
        foreach (var start in scored.Take(localSearches))
        {
            var refined = Refine(start.X);
            var value = Evaluate(refined, null);
            if (value > best.Value)
            {
                best = (refined, value);
            }
        }

        return best.X;
    }

    private double Evaluate(double[] x, double[]? gradient)
    {
        if (_fantasies is not null)
        {
            return _fantasies.LogValue(x, gradient);
        }

        var d = x.Length;
        var dMean = gradient is null ? null : new double[d];
        var dVar = gradient is null ? null : new double[d];
        var (mean, variance) = _model.Predict(x, dMean, dVar);
        return _explorationWeight is { } kappa
            ? LowerConfidenceBound.Value(kappa, mean, variance, dMean, dVar, gradient)
            : LogExpectedImprovement.Value(_best, mean, variance, dMean, dVar, gradient);
    }

    private double[] Refine(double[] start)
    {
        var x = (double[])start.Clone();
        var continuous = Enumerable.Range(0, x.Length).Where(j => !_encoding.Categorical[j]).ToArray();
        if (continuous.Length > 0)
        {
            var objective = ObjectiveFunction.Gradient(v =>
            {
                var point = (double[])x.Clone();
                for (var i = 0; i < continuous.Length; i++)
                {
                    point[continuous[i]] = Math.Clamp(v[i], 0, 1);
                }

                var g = new double[point.Length];
                var value = Evaluate(point, g);
                return (-value, Vector<double>.Build.DenseOfEnumerable(continuous.Select(j => -g[j])));
            });
            var lower = Vector<double>.Build.Dense(continuous.Length, 0);
            var upper = Vector<double>.Build.Dense(continuous.Length, 1);
            var initial = Vector<double>.Build.DenseOfEnumerable(continuous.Select(j => x[j]));
            try
            {
                var result = new BfgsBMinimizer(1e-6, 1e-6, 1e-8, 40).FindMinimum(objective, lower, upper, initial);
                var candidate = (double[])x.Clone();
                for (var i = 0; i < continuous.Length; i++)
                {
                    candidate[continuous[i]] = Math.Clamp(result.MinimizingPoint[i], 0, 1);
                }

                _encoding.Canonicalize(candidate);
                if (Evaluate(candidate, null) > Evaluate(x, null))
                {
                    x = candidate;
                }
            }
            catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArgumentException or InvalidOperationException)
            {
                // Keep the unrefined start: a line-search failure near a flat region is harmless.
            }
        }

        // One sweep over each categorical dimension's choices, holding the rest fixed.
        for (var j = 0; j < x.Length; j++)
        {
            if (!_encoding.Categorical[j] || x[j] < 0)
            {
                continue;
            }

            var bestValue = Evaluate(x, null);
            var bestChoice = x[j];
            for (var c = 0; c < _encoding.ChoiceCounts[j]; c++)
            {
                var trial = (double[])x.Clone();
                trial[j] = c;
                _encoding.Canonicalize(trial);
                var value = Evaluate(trial, null);
                if (value > bestValue)
                {
                    bestValue = value;
                    bestChoice = c;
                }
            }

            x[j] = bestChoice;
            _encoding.Canonicalize(x);
        }

        return x;
    }

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
