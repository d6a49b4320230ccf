namespace HyperBus.Orchestration.Submission;

/// <summary>The broker did not answer; the message names it without its password.</summary>
public sealed class BrokerUnreachableException : Exception
{
    public BrokerUnreachableException()
    {
    }

    public BrokerUnreachableException(string message)
        : base(message)
    {
    }

    public BrokerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
