namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// The product-kernel density HpBandSter fits with statsmodels' KDEMultivariate: a Gaussian kernel per
/// continuous axis (data on [0, 1]), an Aitchison-Aitken kernel per categorical one, Scott's
/// normal-reference bandwidths (1.06 sd n^(-1/(d+4))) floored at a minimum.
/// </summary>
internal sealed class BohbKde
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    private readonly BohbAxis[] _axes;
    private readonly double[][] _data;

    public BohbKde(BohbAxis[] axes, IReadOnlyList<double[]> data, double minBandwidth)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("a density needs at least one observation", nameof(data));
        }

        _axes = axes;
        _data = [.. data];
        Bandwidths = new double[axes.Length];
        var n = data.Count;
        for (var j = 0; j < axes.Length; j++)
        {
            var mean = data.Average(x => x[j]);
            var sd = Math.Sqrt(data.Sum(x => (x[j] - mean) * (x[j] - mean)) / n);
            var bw = Math.Max(minBandwidth, 1.06 * sd * Math.Pow(n, -1.0 / (4 + axes.Length)));
            // Past (c - 1) / c an Aitchison-Aitken kernel would prefer the other choices to the observed one.
            Bandwidths[j] = axes[j].IsCategorical ? Math.Min(bw, (axes[j].Choices - 1.0) / axes[j].Choices) : bw;
        }
    }

    public double[] Bandwidths { get; }

    public int Count => _data.Length;

    /// <summary>log of the mean over observations of the product of the per-axis kernels.</summary>
    public double LogPdf(double[] x)
    {
        var terms = new double[_data.Length];
        for (var i = 0; i < _data.Length; i++)
        {
            var t = 0.0;
            for (var j = 0; j < _axes.Length; j++)
            {
                var bw = Bandwidths[j];
                if (_axes[j].IsCategorical)
                {
                    var c = _axes[j].Choices;
                    t += Math.Log(Math.Abs(x[j] - _data[i][j]) < 0.5 ? 1 - bw : bw / Math.Max(c - 1, 1));
                }
                else
                {
                    var z = (x[j] - _data[i][j]) / bw;
                    t += (-0.5 * z * z) - LogSqrt2Pi - Math.Log(bw);
                }
            }

            terms[i] = t;
        }

        var max = terms.Max();
        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        return max + Math.Log(terms.Sum(t => Math.Exp(t - max))) - Math.Log(_data.Length);
    }

    /// <summary>
    /// A point near a random observation, as HpBandSter draws candidates: continuous axes from a normal
    /// truncated to [0, 1] with the bandwidth times <paramref name="bandwidthFactor"/>; a categorical axis
    /// keeps the observed choice with probability 1 - bandwidth, else takes a uniform one.
    /// </summary>
    public double[] Sample(Random random, double bandwidthFactor)
    {
        var datum = _data[random.Next(_data.Length)];
        var point = new double[_axes.Length];
        for (var j = 0; j < _axes.Length; j++)
        {
            point[j] = _axes[j].IsCategorical
                ? (random.NextDouble() < 1 - Bandwidths[j] ? datum[j] : random.Next(_axes[j].Choices))
                : TruncatedNormal(random, datum[j], Bandwidths[j] * bandwidthFactor);
        }

        return point;
    }

    private static double TruncatedNormal(Random random, double mean, double sd)
    {
        // Rejection is cheap here: the mean lies inside [0, 1], so at least a quarter of the draws land inside.
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var x = mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            if (x is >= 0 and <= 1)
            {
                return x;
            }
        }

        return Math.Clamp(mean, 0, 1);
    }
}
