namespace HyperBus.Core.Specs;

/// <summary>
/// The rows held out for verification: each row gets a SplitMix64 key from (seed, row index) and the
/// floor(rows x fraction) rows with the smallest keys are held out. Plain integer arithmetic, so a trainer
/// in any language derives the same rows (hyperbus_trainer.holdout does in Python).
/// </summary>
public static class HoldoutSplit
{
    public static bool[] Rows(int rowCount, double fraction, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be between 0 and 1");
        }

        var count = Math.Max(1, (int)Math.Floor(rowCount * fraction));
        var order = Enumerable.Range(0, rowCount)
            .Select(i => (Key: Key(seed, i), Index: i))
            .OrderBy(x => x.Key)
            .ThenBy(x => x.Index)
            .Take(count);
        var holdout = new bool[rowCount];
        foreach (var (_, index) in order)
        {
            holdout[index] = true;
        }

        return holdout;
    }

    public static ulong Key(long seed, int row) => SplitMix64(((ulong)seed << 32) ^ (ulong)row);

    /// <summary>Steele, Lea and Flood's SplitMix64 finaliser.</summary>
    public static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            var z = x + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
