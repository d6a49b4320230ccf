using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Tests.GaussianProcess;

/// <summary>A GP on six points of a 2-D bowl (minimum -0.1 at (0.55, 0.5)) with a fixed kernel, for the acquisition tests.</summary>
internal static class SmallBowl
{
    private static readonly bool[] Numeric = [false, false];
    private static readonly KernelParameters Kernel = new([4, 4], 1, 1e-4);

    public static (GaussianProcessModel Model, double[][] X, double[] Y) Observed()
    {
        double[][] x = [[0.1, 0.2], [0.8, 0.3], [0.4, 0.9], [0.6, 0.6], [0.3, 0.5], [0.9, 0.9]];
        double[] y = [.. x.Select(p => Math.Pow(p[0] - 0.55, 2) + Math.Pow(p[1] - 0.5, 2) - 0.1)];
        return (GaussianProcessModel.Fit(x, y, Kernel, Numeric), x, y);
    }
}
