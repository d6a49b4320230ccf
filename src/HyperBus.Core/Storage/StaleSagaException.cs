namespace HyperBus.Core.Storage;

/// <summary>
/// The study's saga was saved by someone else since it was loaded (another host took the study over). The
/// transaction is rolled back; the message is retried against the stored state.
/// </summary>
public sealed class StaleSagaException : Exception
{
    public StaleSagaException()
    {
    }

    public StaleSagaException(string message)
        : base(message)
    {
    }

    public StaleSagaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
