namespace HyperBus.Orchestration.Hosting;

/// <summary>A message whose <c>MT-MessageType</c> is missing or names no message of this endpoint; it is parked, never guessed at.</summary>
public sealed class UnknownMessageTypeException : Exception
{
    public UnknownMessageTypeException()
    {
    }

    public UnknownMessageTypeException(string message)
        : base(message)
    {
    }

    public UnknownMessageTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
