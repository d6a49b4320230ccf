namespace HyperBus.Bench.Frontier;

/// <summary>The 3-D Hartmann function (Surjanovic and Bingham), one branch of the conditional problem.</summary>
public static class Hartmann3
{
    public const double Minimum = -3.86278214782076;

    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] A = { { 3.0, 10, 30 }, { 0.1, 10, 35 }, { 3.0, 10, 30 }, { 0.1, 10, 35 } };
    private static readonly double[,] P =
    {
        { 0.3689, 0.1170, 0.2673 }, { 0.4699, 0.4387, 0.7470 }, { 0.1091, 0.8732, 0.5547 }, { 0.0381, 0.5743, 0.8828 },
    };

    public static double Function(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 3; j++)
            {
                inner += A[i, j] * (x[j] - P[i, j]) * (x[j] - P[i, j]);
            }

            sum += Alpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }
}
