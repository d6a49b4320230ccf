namespace HyperBus.Core.Specs.Policies;

/// <summary>How the wait before a retry grows with the attempt (Polly's backoff types).</summary>
public enum BackoffKind
{
    /// <summary>The same delay before every retry.</summary>
    Constant,

    /// <summary>delay, 2 x delay, 3 x delay, ...</summary>
    Linear,

    /// <summary>delay, 2 x delay, 4 x delay, ...</summary>
    Exponential,
}
