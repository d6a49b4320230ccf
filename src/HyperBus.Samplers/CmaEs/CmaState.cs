using MathNet.Numerics.LinearAlgebra;

namespace HyperBus.Samplers.CmaEs;

/// <summary>The search distribution of one CMA-ES run on [0, 1]^n: mean, step size, covariance and evolution paths (Hansen's tutorial, 2016).</summary>
internal sealed class CmaState
{
    private readonly int _n;
    private readonly double[] _weights;
    private readonly double _muEff;
    private readonly double _cSigma;
    private readonly double _dSigma;
    private readonly double _cc;
    private readonly double _c1;
    private readonly double _cMu;
    private readonly double _chiN;
    private readonly double[] _minStd;
    private Vector<double> _pSigma;
    private Vector<double> _pc;
    private Matrix<double> _c;
    private Matrix<double> _b;
    private Vector<double> _d;

    public CmaState(double[] mean, double sigma, int lambda, double[] minStd)
    {
        _n = mean.Length;
        Lambda = lambda;
        Mean = Vector<double>.Build.DenseOfArray(mean);
        Sigma = sigma;
        _minStd = minStd;
        var mu = lambda / 2;
        var raw = Enumerable.Range(1, mu).Select(i => Math.Log((lambda + 1) / 2.0) - Math.Log(i)).ToArray();
        _weights = [.. raw.Select(w => w / raw.Sum())];
        _muEff = 1 / _weights.Sum(w => w * w);
        _cSigma = (_muEff + 2) / (_n + _muEff + 5);
        _dSigma = 1 + (2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (_n + 1)) - 1)) + _cSigma;
        _cc = (4 + (_muEff / _n)) / (_n + 4 + (2 * _muEff / _n));
        _c1 = 2 / (Math.Pow(_n + 1.3, 2) + _muEff);
        _cMu = Math.Min(1 - _c1, 2 * (_muEff - 2 + (1 / _muEff)) / (Math.Pow(_n + 2, 2) + _muEff));
        _chiN = Math.Sqrt(_n) * (1 - (1.0 / (4 * _n)) + (1.0 / (21.0 * _n * _n)));
        _pSigma = Vector<double>.Build.Dense(_n);
        _pc = Vector<double>.Build.Dense(_n);
        _c = Matrix<double>.Build.DenseIdentity(_n);
        _b = Matrix<double>.Build.DenseIdentity(_n);
        _d = Vector<double>.Build.Dense(_n, 1);
    }

    public int Lambda { get; }

    public int Generation { get; private set; }

    public Vector<double> Mean { get; private set; }

    public double Sigma { get; private set; }

    /// <summary>True when the step size collapsed or the covariance became ill-conditioned (an IPOP restart is due).</summary>
    public bool HasConverged => Sigma * _d.Maximum() < 1e-11 || Math.Pow(_d.Maximum() / _d.Minimum(), 2) > 1e14 || !double.IsFinite(Sigma);

    /// <summary>A point of the distribution from standard normal draws, clipped to the unit cube.</summary>
    public double[] Sample(double[] z)
    {
        var y = _b * (_d.PointwiseMultiply(Vector<double>.Build.DenseOfArray(z)));
        var x = Mean + (Sigma * y);
        return [.. x.Select(v => Math.Clamp(v, 0, 1))];
    }

    /// <summary>Updates the distribution from one generation's points, best first.</summary>
    public void Tell(IReadOnlyList<double[]> bestFirst)
    {
        var invSqrtC = _b * Matrix<double>.Build.DenseOfDiagonalVector(_d.Map(v => 1 / v)) * _b.Transpose();
        var limit = Math.Sqrt(_n) + (2.0 * _n / (_n + 2));
        var ys = new List<Vector<double>>();
        foreach (var x in bestFirst.Take(_weights.Length))
        {
            var y = (Vector<double>.Build.DenseOfArray(x) - Mean) / Sigma;
            // Points not drawn from this distribution (rounded, clipped or sampled ahead of their
            // generation) are shrunk to a plausible Mahalanobis length, as pycma does for injected ones.
            var norm = (invSqrtC * y).L2Norm();
            ys.Add(norm > limit ? y * (limit / norm) : y);
        }

        var yw = Vector<double>.Build.Dense(_n);
        for (var i = 0; i < ys.Count; i++)
        {
            yw += _weights[i] * ys[i];
        }

        Mean += Sigma * yw;
        _pSigma = ((1 - _cSigma) * _pSigma) + (Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff) * (invSqrtC * yw));
        Generation++;
        var hSigma = _pSigma.L2Norm() / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * Generation)) < (1.4 + (2.0 / (_n + 1))) * _chiN ? 1.0 : 0.0;
        _pc = ((1 - _cc) * _pc) + (hSigma * Math.Sqrt(_cc * (2 - _cc) * _muEff) * yw);
        var rankMu = Matrix<double>.Build.Dense(_n, _n);
        for (var i = 0; i < ys.Count; i++)
        {
            rankMu += _weights[i] * ys[i].OuterProduct(ys[i]);
        }

        _c = ((1 - _c1 - _cMu + ((1 - hSigma) * _c1 * _cc * (2 - _cc))) * _c) + (_c1 * _pc.OuterProduct(_pc)) + (_cMu * rankMu);
        Sigma *= Math.Exp(_cSigma / _dSigma * ((_pSigma.L2Norm() / _chiN) - 1));
        Sigma = Math.Min(Sigma, 1.0);
        for (var j = 0; j < _n; j++)
        {
            // Margin for integer axes: keep at least a fraction of a step of spread, so rounding never
            // freezes a coordinate (a simple form of CMA-ES with margin, Hamano et al. 2022).
            var floor = _minStd[j] / Sigma;
            _c[j, j] = Math.Max(_c[j, j], floor * floor);
        }

        _c = 0.5 * (_c + _c.Transpose());
        var evd = _c.Evd(Symmetricity.Symmetric);
        _b = evd.EigenVectors;
        _d = evd.EigenValues.Real().Map(v => Math.Sqrt(Math.Max(v, 1e-20)));
    }
}
