namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>A TrialRequested a worker cannot run; MassTransit parks it in the trainer's <c>_error</c> queue with this message as the reason.</summary>
public sealed class MalformedRequestException : Exception
{
    public MalformedRequestException()
    {
    }

    public MalformedRequestException(string message)
        : base(message)
    {
    }

    public MalformedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
