namespace HyperBus.Samplers.Tpe;

/// <summary>A weighted mixture of truncated Gaussian (numeric) and smoothed one-hot (categorical) kernels, one per observation plus a prior.</summary>
/// <remarks>
/// Follows Optuna's estimator: the prior kernel sits in the middle of the range with the range as its
/// width; univariate bandwidths are the larger gap to a sorted neighbour, multivariate ones Scott's rule
/// (0.2 n^(-1/(d+4)) of the range); all clipped to [range / min(100, 1 + kernels), range]; older
/// observations get less weight once there are more than 25. Continuous kernels are scored without
/// their 1/sigma factor, as Optuna 3.1's truncnorm.logpdf does (see BuildNumeric).
/// </remarks>
internal sealed class ParzenEstimator
{
    private const double Sigma0Magnitude = 0.2;

    private readonly TpeDimension[] _dims;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;
    private readonly double[][] _mus;
    private readonly double[][] _sigmas;
    private readonly double[][] _logNormalizers;
    private readonly double[][][] _categoricalLogWeights;
    private readonly double[][][] _categoricalWeights;

    public ParzenEstimator(TpeDimension[] dims, IReadOnlyList<double[]> observations, TpeOptions options)
    {
        _dims = dims;
        var n = observations.Count;
        var kernels = n + 1;
        var weights = new double[kernels];
        DefaultWeights(n).CopyTo(weights, 0);
        weights[n] = options.PriorWeight;
        var total = weights.Sum();
        _logWeights = [.. weights.Select(w => Math.Log(w / total))];
        _cumulativeWeights = new double[kernels];
        var acc = 0.0;
        for (var k = 0; k < kernels; k++)
        {
            acc += weights[k] / total;
            _cumulativeWeights[k] = acc;
        }

        _mus = new double[dims.Length][];
        _sigmas = new double[dims.Length][];
        _logNormalizers = new double[dims.Length][];
        _categoricalLogWeights = new double[dims.Length][][];
        _categoricalWeights = new double[dims.Length][][];
        var sigma0 = options.Multivariate ? Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dims.Length + 4)) : 0;
        for (var d = 0; d < dims.Length; d++)
        {
            var values = observations.Select(o => o[d]).ToArray();
            if (dims[d].IsCategorical)
            {
                BuildCategorical(d, values, options.PriorWeight);
            }
            else
            {
                BuildNumeric(d, values, sigma0, options.ConsiderEndpoints);
            }
        }
    }

    /// <summary>Optuna's default_weights: flat for the 25 newest, a linear ramp from 1/n for the older ones.</summary>
    public static double[] DefaultWeights(int n)
    {
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = n < 25 || i >= n - 25 ? 1.0 : (n - 25 == 1 ? 1.0 / n : (1.0 / n) + ((1 - (1.0 / n)) * i / (n - 26)));
        }

        return w;
    }

    /// <summary>Draws <paramref name="count"/> encoded points (numeric ones already rounded to their step).</summary>
    public double[][] Sample(System.Random random, int count)
    {
        var result = new double[count][];
        for (var s = 0; s < count; s++)
        {
            var u = random.NextDouble();
            var k = Array.BinarySearch(_cumulativeWeights, u);
            k = Math.Min(k < 0 ? ~k : k, _cumulativeWeights.Length - 1);
            var point = new double[_dims.Length];
            for (var d = 0; d < _dims.Length; d++)
            {
                var dim = _dims[d];
                if (dim.IsCategorical)
                {
                    point[d] = SampleCategorical(random, _categoricalWeights[d][k]);
                }
                else
                {
                    var mu = _mus[d][k];
                    var sigma = _sigmas[d][k];
                    var z = TruncatedNormal.Sample(random, (dim.Low - mu) / sigma, (dim.High - mu) / sigma);
                    point[d] = dim.Encode(dim.Decode(mu + (sigma * z)));
                }
            }

            result[s] = point;
        }

        return result;
    }

    /// <summary>The log density (log probability for discrete axes) of an encoded point.</summary>
    public double LogPdf(double[] point)
    {
        var kernels = _logWeights.Length;
        Span<double> terms = kernels <= 512 ? stackalloc double[kernels] : new double[kernels];
        _logWeights.CopyTo(terms);
        for (var d = 0; d < _dims.Length; d++)
        {
            var dim = _dims[d];
            var x = point[d];
            if (dim.IsCategorical)
            {
                var table = _categoricalLogWeights[d];
                for (var k = 0; k < kernels; k++)
                {
                    terms[k] += table[k][(int)x];
                }

                continue;
            }

            var mus = _mus[d];
            var sigmas = _sigmas[d];
            var norms = _logNormalizers[d];
            if (dim.Step > 0)
            {
                var lo = Math.Max(x - (0.5 * dim.Step), dim.Low);
                var hi = Math.Min(x + (0.5 * dim.Step), dim.High);
                for (var k = 0; k < kernels; k++)
                {
                    terms[k] += TruncatedNormal.LogMass((lo - mus[k]) / sigmas[k], (hi - mus[k]) / sigmas[k]) - norms[k];
                }
            }
            else
            {
                for (var k = 0; k < kernels; k++)
                {
                    var z = (x - mus[k]) / sigmas[k];
                    // norms holds log(sqrt(2 pi)) + log mass for continuous axes (no log sigma, as in Optuna 3.1).
                    terms[k] += (-0.5 * z * z) - norms[k];
                }
            }
        }

        var max = double.NegativeInfinity;
        foreach (var t in terms)
        {
            max = Math.Max(max, t);
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            // exp(-40) is below double precision next to the largest term's 1: skip the call.
            if (t - max > -40)
            {
                sum += Math.Exp(t - max);
            }
        }

        return max + Math.Log(sum);
    }

    private void BuildNumeric(int d, double[] observed, double sigma0, bool considerEndpoints)
    {
        var dim = _dims[d];
        var range = dim.High - dim.Low;
        var mus = new double[observed.Length + 1];
        observed.CopyTo(mus, 0);
        mus[^1] = 0.5 * (dim.Low + dim.High);
        var sigmas = new double[mus.Length];
        if (sigma0 > 0)
        {
            Array.Fill(sigmas, sigma0 * range);
        }
        else
        {
            NeighbourBandwidths(mus, sigmas, dim.Low, dim.High, considerEndpoints);
        }

        var minSigma = range / Math.Min(100.0, 1.0 + mus.Length);
        for (var k = 0; k < sigmas.Length; k++)
        {
            sigmas[k] = Math.Clamp(sigmas[k], minSigma, range);
        }

        sigmas[^1] = range;
        var norms = new double[mus.Length];
        for (var k = 0; k < mus.Length; k++)
        {
            var mass = TruncatedNormal.LogMass((dim.Low - mus[k]) / sigmas[k], (dim.High - mus[k]) / sigmas[k]);
            // Optuna 3.1's truncnorm.logpdf standardises x but leaves out the -log(sigma) of the change of
            // variables, so each continuous kernel's density is sigma times a normalised one: wide kernels
            // (the prior above all) count for more. We reproduce it to behave like Optuna's TPESampler.
            norms[k] = dim.Step > 0 ? mass : mass + (0.5 * Math.Log(2 * Math.PI));
        }

        _mus[d] = mus;
        _sigmas[d] = sigmas;
        _logNormalizers[d] = norms;
    }

    private static void NeighbourBandwidths(double[] mus, double[] sigmas, double low, double high, bool considerEndpoints)
    {
        var order = Enumerable.Range(0, mus.Length).OrderBy(i => mus[i]).ToArray();
        var sorted = new double[mus.Length + 2];
        sorted[0] = low;
        sorted[^1] = high;
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i + 1] = mus[order[i]];
        }

        var s = new double[mus.Length];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        }

        if (!considerEndpoints && sorted.Length >= 4)
        {
            s[0] = sorted[2] - sorted[1];
            s[^1] = sorted[^2] - sorted[^3];
        }

        for (var i = 0; i < order.Length; i++)
        {
            sigmas[order[i]] = s[i];
        }
    }

    private void BuildCategorical(int d, double[] observed, double priorWeight)
    {
        var choices = _dims[d].Choices;
        var rows = new double[observed.Length + 1][];
        var fill = priorWeight / (observed.Length + 1);
        for (var k = 0; k < rows.Length; k++)
        {
            var row = new double[choices];
            Array.Fill(row, fill);
            if (k < observed.Length)
            {
                row[(int)observed[k]] += 1;
            }

            var sum = row.Sum();
            for (var c = 0; c < choices; c++)
            {
                row[c] /= sum;
            }

            rows[k] = row;
        }

        _categoricalWeights[d] = rows;
        _categoricalLogWeights[d] = [.. rows.Select(r => r.Select(w => Math.Log(w)).ToArray())];
    }

    private static int SampleCategorical(System.Random random, double[] p)
    {
        var u = random.NextDouble();
        var acc = 0.0;
        for (var c = 0; c < p.Length - 1; c++)
        {
            acc += p[c];
            if (u < acc)
            {
                return c;
            }
        }

        return p.Length - 1;
    }
}
