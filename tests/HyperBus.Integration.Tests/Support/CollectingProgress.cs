namespace HyperBus.Integration.Tests.Support;

/// <summary>Keeps every report, synchronously (Progress&lt;T&gt; posts to the thread pool, so a report could land after the run returns).</summary>
public sealed class CollectingProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
