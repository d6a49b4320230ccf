using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.TrustRegion;

/// <summary>The trust region on the unit cube: a box around the centre whose sides follow the GP's lengthscales, and the candidates drawn from it.</summary>
internal sealed class TrustRegionBox
{
    private readonly double[] _center;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly GpEncoding _encoding;

    private TrustRegionBox(double[] center, double[] lower, double[] upper, GpEncoding encoding)
    {
        _center = center;
        _lower = lower;
        _upper = upper;
        _encoding = encoding;
    }

    /// <summary>Sides length · w_j with w_j the lengthscale over the lengthscales' geometric mean (TuRBO's shaping: the volume stays length^d).</summary>
    public static TrustRegionBox Around(double[] center, KernelParameters parameters, GpEncoding encoding, double length)
    {
        var d = center.Length;
        var weights = new double[d];
        var logSum = 0.0;
        var continuous = 0;
        for (var j = 0; j < d; j++)
        {
            if (!encoding.Categorical[j])
            {
                weights[j] = 1 / Math.Sqrt(parameters.InverseSquaredLengthscales[j]);
                logSum += Math.Log(weights[j]);
                continuous++;
            }
        }

        var mean = continuous > 0 ? Math.Exp(logSum / continuous) : 1;
        var lower = new double[d];
        var upper = new double[d];
        for (var j = 0; j < d; j++)
        {
            var half = length * (weights[j] / mean) / 2;
            (lower[j], upper[j]) = (Math.Max(center[j] - half, 0), Math.Min(center[j] + half, 1));
        }

        return new TrustRegionBox(center, lower, upper, encoding);
    }

    /// <summary>The candidate of largest log EI among <paramref name="candidates"/> perturbations of the centre.</summary>
    public double[] BestCandidate(GaussianProcessModel model, double bestLoss, int candidates, System.Random random)
    {
        var d = _center.Length;
        // Perturb about 20 coordinates per candidate (all of them in up to 20-D), at least one.
        var probability = Math.Min(1.0, 20.0 / d);
        var sobol = new SobolSequence(Math.Min(d, SobolSequence.MaxDimensions), random);
        double[]? best = null;
        var bestValue = double.NegativeInfinity;
        for (var c = 0; c < candidates; c++)
        {
            var u = sobol.Point(c);
            var x = (double[])_center.Clone();
            var changed = false;
            for (var j = 0; j < d; j++)
            {
                if (random.NextDouble() >= probability)
                {
                    continue;
                }

                changed = true;
                x[j] = Perturb(j, j < u.Length ? u[j] : random.NextDouble(), random);
            }

            if (!changed)
            {
                var j = random.Next(d);
                x[j] = Perturb(j, random.NextDouble(), random);
            }

            _encoding.Canonicalize(x);
            var (mean, variance) = model.Predict(x);
            var value = LogExpectedImprovement.Value(bestLoss, mean, variance, null, null, null);
            if (value > bestValue)
            {
                (best, bestValue) = (x, value);
            }
        }

        return best!;
    }

    private double Perturb(int j, double u, System.Random random) => _encoding.Categorical[j]
        ? random.Next(_encoding.ChoiceCounts[j])
        : _lower[j] + (u * (_upper[j] - _lower[j]));
}
