namespace HyperBus.Samplers.GaussianProcess;

/// <summary>A GP posterior over standardised losses: mean and variance at a point, with their gradients.</summary>
internal sealed class GaussianProcessModel
{
    private readonly double[][] _x;
    private readonly double[] _l;
    private readonly double[] _alpha;
    private readonly int _n;

    private GaussianProcessModel(double[][] x, KernelParameters parameters, bool[] categorical, double[] l, double[] alpha)
    {
        _x = x;
        Parameters = parameters;
        Categorical = categorical;
        _l = l;
        _alpha = alpha;
        _n = x.Length;
    }

    public KernelParameters Parameters { get; }

    public bool[] Categorical { get; }

    /// <summary>Conditions the GP on (x, y); adds jitter if the kernel matrix is numerically singular.</summary>
    public static GaussianProcessModel Fit(double[][] x, double[] y, KernelParameters parameters, bool[] categorical)
    {
        var n = x.Length;
        var l = KernelMatrix(x, parameters, categorical);
        var jitter = 1e-9;
        var factor = (double[])l.Clone();
        while (!DenseCholesky.Factor(factor, n))
        {
            factor = (double[])l.Clone();
            for (var i = 0; i < n; i++)
            {
                factor[(i * n) + i] += jitter;
            }

            jitter *= 10;
        }

        var alpha = (double[])y.Clone();
        DenseCholesky.SolveLower(factor, n, alpha);
        DenseCholesky.SolveUpper(factor, n, alpha);
        return new GaussianProcessModel(x, parameters, categorical, factor, alpha);
    }

    /// <summary>K⁻¹ y for other targets on the same inputs (fantasies of pending outcomes); reuses this model's factor.</summary>
    public double[] Weights(double[] y)
    {
        var alpha = (double[])y.Clone();
        DenseCholesky.SolveLower(_l, _n, alpha);
        DenseCholesky.SolveUpper(_l, _n, alpha);
        return alpha;
    }

    /// <summary>Posterior means at <paramref name="points"/> and their joint latent covariance (row-major).</summary>
    public (double[] Mean, double[] Covariance) Joint(IReadOnlyList<double[]> points)
    {
        var m = points.Count;
        var p = Parameters;
        var v = new double[m][];
        var mean = new double[m];
        for (var a = 0; a < m; a++)
        {
            v[a] = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                v[a][i] = p.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(points[a], _x[i], p.InverseSquaredLengthscales, Categorical));
            }

            mean[a] = DenseCholesky.Dot(v[a], _alpha);
            DenseCholesky.SolveLower(_l, _n, v[a]);
        }

        var covariance = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var prior = p.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(points[a], points[b], p.InverseSquaredLengthscales, Categorical));
                var c = prior - DenseCholesky.Dot(v[a], v[b]);
                covariance[(a * m) + b] = c;
                covariance[(b * m) + a] = c;
            }
        }

        return (mean, covariance);
    }

    /// <summary>Posterior means at <paramref name="point"/> under other weights (<see cref="Weights"/>), with their gradients when asked.</summary>
    public void Means(double[] point, IReadOnlyList<double[]> weights, double[] means, double[][]? gradients)
    {
        var p = Parameters;
        Array.Clear(means);
        for (var i = 0; i < _n; i++)
        {
            var u = MaternKernel.SquaredDistance(point, _x[i], p.InverseSquaredLengthscales, Categorical);
            var k = p.Scale * MaternKernel.Value(u);
            for (var s = 0; s < weights.Count; s++)
            {
                means[s] += k * weights[s][i];
            }

            if (gradients is null)
            {
                continue;
            }

            var du = p.Scale * MaternKernel.DerivativeU(u);
            for (var j = 0; j < point.Length; j++)
            {
                if (Categorical[j])
                {
                    continue;
                }

                var g = du * 2 * p.InverseSquaredLengthscales[j] * (point[j] - _x[i][j]);
                for (var s = 0; s < weights.Count; s++)
                {
                    gradients[s][j] += g * weights[s][i];
                }
            }
        }
    }

    /// <summary>K + noise I as a row-major array.</summary>
    public static double[] KernelMatrix(double[][] x, KernelParameters p, bool[] categorical)
    {
        var n = x.Length;
        var k = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            k[(i * n) + i] = p.Scale + p.Noise;
            for (var j = 0; j < i; j++)
            {
                var v = p.Scale * MaternKernel.Value(MaternKernel.SquaredDistance(x[i], x[j], p.InverseSquaredLengthscales, categorical));
                k[(i * n) + j] = v;
                k[(j * n) + i] = v;
            }
        }

        return k;
    }

    /// <summary>Posterior mean and latent-function variance at <paramref name="point"/>; fills the gradients when given.</summary>
    public (double Mean, double Variance) Predict(double[] point, double[]? meanGradient = null, double[]? varianceGradient = null)
    {
        var p = Parameters;
        var k = new double[_n];
        var du = meanGradient is null ? null : new double[_n];
        for (var i = 0; i < _n; i++)
        {
            var u = MaternKernel.SquaredDistance(point, _x[i], p.InverseSquaredLengthscales, Categorical);
            k[i] = p.Scale * MaternKernel.Value(u);
            if (du is not null)
            {
                du[i] = p.Scale * MaternKernel.DerivativeU(u);
            }
        }

        var mean = DenseCholesky.Dot(k, _alpha);
        var v = (double[])k.Clone();
        DenseCholesky.SolveLower(_l, _n, v);
        var variance = Math.Max(p.Scale - DenseCholesky.Dot(v, v), 1e-12);
        if (meanGradient is null || varianceGradient is null || du is null)
        {
            return (mean, variance);
        }

        // w = K⁻¹ k, so d var / dx = -2 wᵀ dk/dx; dk_i/dx_j = du_i * 2 ils_j (x_j - x_ij).
        DenseCholesky.SolveUpper(_l, _n, v);
        Array.Clear(meanGradient);
        Array.Clear(varianceGradient);
        for (var i = 0; i < _n; i++)
        {
            var a = du[i] * _alpha[i];
            var w = du[i] * v[i];
            var xi = _x[i];
            for (var j = 0; j < point.Length; j++)
            {
                if (Categorical[j])
                {
                    continue;
                }

                var g = 2 * p.InverseSquaredLengthscales[j] * (point[j] - xi[j]);
                meanGradient[j] += a * g;
                varianceGradient[j] -= 2 * w * g;
            }
        }

        return (mean, variance);
    }
}
