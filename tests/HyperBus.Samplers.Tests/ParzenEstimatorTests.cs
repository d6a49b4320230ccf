using HyperBus.Core.Space;
using HyperBus.Samplers.Tpe;

namespace HyperBus.Samplers.Tests;

/// <summary>The TPE Parzen estimator gives the same log densities as Optuna 3.1's _ParzenEstimator for the same observations.</summary>
/// <remarks>
/// Expected values came from /usr/bin/python3 (optuna 3.1):
/// <code>
/// from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
/// from optuna.samplers._tpe.sampler import default_weights
/// p = _ParzenEstimatorParameters(consider_prior=True, prior_weight=1.0, consider_magic_clip=True,
///                                consider_endpoints=False, weights=default_weights, multivariate=False)
/// points = {"x": np.array([-5.0, -4.0, 0.0, 1.15, 6.5, 10.0])}
/// _ParzenEstimator({"x": np.array([-3.2, 7.9, 0.5, 2.5, 9.99])}, {"x": FloatDistribution(-5, 10)}, p).log_pdf(points)
/// obs = np.array([-5 + 15 * ((i * 0.618034) % 1) for i in range(1, 41)])
/// _ParzenEstimator({"x": obs}, {"x": FloatDistribution(-5, 10)}, p).log_pdf(points)
/// _ParzenEstimator({"k": np.array([1., 3., 3., 7., 10.])}, {"k": IntDistribution(1, 10)}, p).log_pdf({"k": np.array([1., 3., 5., 10.])})
/// _ParzenEstimator({"c": np.array([1e-3, 0.5, 20., 1e-5])}, {"c": FloatDistribution(1e-6, 1e6, log=True)}, p).log_pdf({"c": np.array([1e-6, 1e-3, 1.0, 1e6])})
/// </code>
/// </remarks>
public sealed class ParzenEstimatorTests
{
    private static readonly double[] Observed = [-3.2, 7.9, 0.5, 2.5, 9.99];
    private static readonly double[] Points = [-5.0, -4.0, 0.0, 1.15, 6.5, 10.0];

    [Theory]
    [InlineData(new[] { -1.3124279003793267, -1.2148835534083027, -0.9724368786068261, -0.9312277762316528, -1.0882853626032372, -0.9555883300398119 })]
    public void Continuous_log_density_matches_optuna(double[] expected)
    {
        var dim = TpeDimension.For(new FloatParameter("x", -5, 10));
        AssertMatches(dim, Observed.Select(v => (object)v), Points.Select(v => (object)v), expected);
    }

    [Fact]
    public void Older_observations_weigh_less_as_in_optuna()
    {
        // 40 distinct observations: the 15 oldest are on the weight ramp.
        var dim = TpeDimension.For(new FloatParameter("x", -5, 10));
        var observed = Enumerable.Range(1, 40).Select(i => (object)(-5 + (15 * (i * 0.618034 % 1))));
        AssertMatches(dim, observed, Points.Select(v => (object)v),
            [-2.983301986991348, -2.839288476631223, -2.8486535670586894, -2.7853572284428045, -2.7977497694778575, -3.1363395375023053]);
    }

    [Fact]
    public void Integer_log_probability_matches_optuna()
    {
        var dim = TpeDimension.For(new IntParameter("k", 1, 10));
        // Cell masses straddling a kernel's centre go through Optuna's own polynomial erf (optuna/_erf.py),
        // good to about 1e-9; ours uses MathNet's erfc, hence the looser tolerance here.
        AssertMatches(dim, new object[] { 1L, 3L, 3L, 7L, 10L }, new object[] { 1L, 3L, 5L, 10L },
            [-2.1194309912011535, -2.025192632416923, -2.293347684150148, -2.644674969602988], tolerance: 1e-8);
    }

    [Fact]
    public void Log_scale_density_matches_optuna()
    {
        var dim = TpeDimension.For(new FloatParameter("c", 1e-6, 1e6, log: true));
        AssertMatches(dim, new object[] { 1e-3, 0.5, 20.0, 1e-5 }, new object[] { 1e-6, 1e-3, 1.0, 1e6 },
            [-1.0662599773963837, -0.8633272978325583, -0.8921163824397368, -1.6362451292686013]);
    }

    private static void AssertMatches(TpeDimension dim, IEnumerable<object> observed, IEnumerable<object> points, double[] expected, double tolerance = 1e-9)
    {
        var pe = new ParzenEstimator([dim], [.. observed.Select(v => new[] { dim.Encode(v) })], new TpeOptions());
        var actual = points.Select(v => pe.LogPdf([dim.Encode(v)])).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < tolerance, $"point {i}: expected {string.Join(", ", expected)}, got {string.Join(", ", actual)}");
        }
    }
}
