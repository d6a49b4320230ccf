namespace HyperBus.Core.Sampling;

/// <summary>
/// Seeded generators derived from (seed, trial number, stream), so a sampler gives the same answer for
/// a trial whether it runs straight through or resumes after a host restart.
/// </summary>
public static class TrialRandom
{
    public static Random For(int seed, int trialNumber, int stream = 0)
    {
        // SplitMix64-style mixing so neighbouring seeds and trial numbers give unrelated streams.
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + ((ulong)trialNumber << 20) + (ulong)stream);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)z ^ (int)(z >> 32)));
    }
}
