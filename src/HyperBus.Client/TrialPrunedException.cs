namespace HyperBus;

/// <summary>Thrown by an objective to stop its trial early (usually when <see cref="RunningTrial.ShouldPrune"/> is true); the trial ends as pruned.</summary>
public sealed class TrialPrunedException : Exception
{
    public TrialPrunedException()
        : base("the trial was pruned")
    {
    }

    public TrialPrunedException(string message)
        : base(message)
    {
    }

    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
