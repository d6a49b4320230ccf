using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>Watches the test trainers: how many run at once, which attempts ran, and a gate to hold them.</summary>
public sealed class TrainerProbe
{
    private int _running;
    private int _maxRunning;

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public ConcurrentBag<(int Number, int Attempt)> Runs { get; } = [];

    /// <summary>When set, trainers wait on it before finishing (to hold trials in flight).</summary>
    public SemaphoreSlim? Gate { get; set; }

    /// <summary>While set, <see cref="FlakyTrainer"/> in mode <c>outage</c> fails every attempt (a trainer pool that is down).</summary>
    public bool Outage { get; set; }

    /// <summary>Released once per trainer that started, so a test can wait for a trial to be in flight.</summary>
    public SemaphoreSlim Started { get; } = new(0);

    public async Task<T> Track<T>(int number, int attempt, Func<Task<T>> work)
    {
        Runs.Add((number, attempt));
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        Started.Release();
        try
        {
            if (Gate is { } gate)
            {
                await gate.WaitAsync(TimeSpan.FromSeconds(30));
            }

            return await work();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
