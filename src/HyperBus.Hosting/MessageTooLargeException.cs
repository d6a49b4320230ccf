namespace HyperBus.Hosting;

/// <summary>A message over <see cref="HyperBusOptions.MaxMessageBytes"/>; it is parked in the error queue.</summary>
public sealed class MessageTooLargeException : Exception
{
    public MessageTooLargeException()
    {
    }

    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    public MessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
