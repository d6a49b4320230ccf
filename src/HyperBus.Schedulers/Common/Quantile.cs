namespace HyperBus.Schedulers.Common;

/// <summary>numpy's nanpercentile with linear interpolation, which both Optuna and Ray Tune use for their cut-offs.</summary>
internal static class Quantile
{
    /// <summary>The <paramref name="percent"/>-th percentile of the non-NaN values, or null when there are none.</summary>
    public static double? Of(IEnumerable<double> values, double percent)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var position = percent / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + (fraction * (sorted[upper] - sorted[lower]));
    }
}
