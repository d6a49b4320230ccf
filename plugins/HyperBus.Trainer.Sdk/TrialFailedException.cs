namespace HyperBus.Trainer.Sdk;

/// <summary>Thrown by a trainer for a failure that another attempt cannot fix (bad parameter, missing dataset).</summary>
public sealed class TrialFailedException : Exception
{
    public TrialFailedException()
    {
    }

    public TrialFailedException(string message)
        : base(message)
    {
    }

    public TrialFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
