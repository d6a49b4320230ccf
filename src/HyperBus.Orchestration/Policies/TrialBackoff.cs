using HyperBus.Core.Specs.Policies;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// The wait before a retry. Computed here rather than by Polly's built-in backoff because the delay is stored with
/// the waiting attempt and must come out the same for the same trial and attempt (Polly's jitter is unseeded).
/// </summary>
public static class TrialBackoff
{
    /// <summary>Jitter spreads a delay over +/- this share of itself.</summary>
    public const double JitterShare = 0.25;

    /// <param name="retry">The study's retry settings.</param>
    /// <param name="retryIndex">0 before the first retry (Polly's attempt number), 1 before the second, ...</param>
    /// <param name="trialId">With <paramref name="retryIndex"/>, seeds the jitter.</param>
    public static TimeSpan Delay(RetrySpec retry, int retryIndex, Guid trialId)
    {
        var seconds = retry.Backoff switch
        {
            BackoffKind.Constant => retry.DelaySeconds,
            BackoffKind.Linear => retry.DelaySeconds * (retryIndex + 1),
            // Capped before it can overflow: 2^40 delays are past any maxDelaySeconds.
            _ => retry.DelaySeconds * Math.Pow(2, Math.Min(retryIndex, 40)),
        };

        if (retry.Jitter)
        {
            var random = new Random(Seed(trialId, retryIndex));
            seconds *= 1 - JitterShare + (2 * JitterShare * random.NextDouble());
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, retry.MaxDelaySeconds));
    }

    private static int Seed(Guid trialId, int retryIndex)
    {
        Span<byte> bytes = stackalloc byte[16];
        trialId.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[12..]) ^ (retryIndex * 7919);
    }
}
