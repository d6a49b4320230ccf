using System.Threading.RateLimiting;

namespace HyperBus.Orchestration.Policies;

/// <summary>A trainer pool's answer to one attempt's request: go now, or wait <see cref="RetryAfter"/> for the slot kept for it.</summary>
public sealed class PoolRateLease(TimeSpan? retryAfter) : RateLimitLease
{
    public override bool IsAcquired => retryAfter is null;

    /// <summary>How long until the attempt's slot; null when it has its permit now.</summary>
    public TimeSpan? RetryAfter => retryAfter;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        // Polly reads RetryAfter from a rejected lease into RateLimiterRejectedException.RetryAfter.
        metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
        return metadata is not null;
    }
}
