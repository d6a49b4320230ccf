namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>The quantile of sorted trial durations that <c>hedge.afterQuantile</c> names.</summary>
public static class DurationQuantile
{
    /// <summary>Linear interpolation between the two nearest ranks (numpy's default), so 0.5 of [1, 2, 3, 4] is 2.5.</summary>
    public static double Of(IReadOnlyList<double> sorted, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var rank = Math.Clamp(quantile, 0, 1) * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
