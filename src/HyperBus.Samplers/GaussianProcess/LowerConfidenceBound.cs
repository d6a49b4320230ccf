namespace HyperBus.Samplers.GaussianProcess;

/// <summary>The lower confidence bound μ - κσ for minimisation, negated so that larger is better (as log EI), with its gradient.</summary>
internal static class LowerConfidenceBound
{
    /// <summary>κσ - μ at a point with posterior (mean, variance), and its gradient from theirs.</summary>
    /// <param name="explorationWeight">κ: 0 is the posterior mean alone, larger values favour uncertain points.</param>
    public static double Value(double explorationWeight, double mean, double variance, double[]? meanGradient, double[]? varianceGradient, double[]? gradient)
    {
        var sigma = Math.Sqrt(variance);
        if (gradient is not null && meanGradient is not null && varianceGradient is not null)
        {
            for (var j = 0; j < gradient.Length; j++)
            {
                gradient[j] = (explorationWeight * varianceGradient[j] / (2 * sigma)) - meanGradient[j];
            }
        }

        return (explorationWeight * sigma) - mean;
    }
}
