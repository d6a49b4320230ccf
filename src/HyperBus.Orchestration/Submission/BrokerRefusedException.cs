namespace HyperBus.Orchestration.Submission;

/// <summary>The broker answered but refused the login or the virtual host; the message names it without its password.</summary>
public sealed class BrokerRefusedException : Exception
{
    public BrokerRefusedException()
    {
    }

    public BrokerRefusedException(string message)
        : base(message)
    {
    }

    public BrokerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
