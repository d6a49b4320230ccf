namespace HyperBus.Samplers.GaussianProcess;

/// <summary>
/// The later points of a GP batch in the manner of GP-BUCB (Desautels, Krause and Burdick, "Parallelizing
/// exploration-exploitation tradeoffs in Gaussian process bandit optimization", 2014): each minimises μ - κσ on the
/// GP told the pending points at their own posterior means, with κ rising along the batch.
/// </summary>
/// <remarks>
/// Telling the GP its own mean leaves the mean where it was and only shrinks the variance around the pending points,
/// so a batch spreads out without a made-up loss pulling the model (the constant liar's failure along Rosenbrock's
/// valley). The weights start at κ = 0, the posterior mean's minimiser, and rise to 2: most of a batch exploits what
/// the GP already believes, the last members explore. Fantasy-averaged EI for every member sent the later points away
/// from the pending ones and lagged sequential asks by 10-16 trials on Rosenbrock-5; larger weights (1 to 7) lost more
/// (bench/RESULTS.md, "Batch members by confidence bounds").
/// </remarks>
internal static class BatchConfidenceBounds
{
    /// <summary>κ of the second, third, ... point of a batch; a longer batch starts the ramp again.</summary>
    private static readonly double[] ExplorationWeights = [0, 0.25, 0.5, 0.75, 1, 1.5, 2];

    /// <summary>κ for the point at <paramref name="position"/> (1 for the second) of a batch.</summary>
    public static double ExplorationWeight(int position) => ExplorationWeights[(position - 1) % ExplorationWeights.Length];

    /// <summary>The GP on the observed rows and the pending points, these told the observed GP's mean there.</summary>
    public static GaussianProcessModel Believer(GaussianProcessModel observed, IReadOnlyList<double[]> x, IReadOnlyList<double> y, IReadOnlyList<double[]> pending) =>
        GaussianProcessModel.Fit([.. x, .. pending], [.. y, .. pending.Select(p => observed.Predict(p).Mean)], observed.Parameters, observed.Categorical);
}
