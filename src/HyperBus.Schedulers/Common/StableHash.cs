namespace HyperBus.Schedulers.Common;

/// <summary>
/// A hash of (seed, trial number) that never changes across processes or .NET versions (unlike
/// string.GetHashCode), so a trial lands in the same bracket after a host restart.
/// </summary>
internal static class StableHash
{
    public static ulong Of(int seed, int trialNumber)
    {
        // SplitMix64 finaliser: neighbouring trial numbers spread evenly over the buckets.
        var z = unchecked(((ulong)(uint)seed << 32) + (uint)trialNumber + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A uniform number in [0, 1) from the hash.</summary>
    public static double Unit(int seed, int trialNumber) => (Of(seed, trialNumber) >> 11) * (1.0 / (1UL << 53));
}
