using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>
/// A fake clock that counts the timers created on it, so a test can wait until code running on another thread has
/// armed its timer (Polly's timeout, a retry's backoff) before moving time on past it.
/// </summary>
public sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    /// <summary>Waits (bounded, on the wall clock; the fake clock stands still) until at least <paramref name="count"/> timers exist.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        for (var i = 0; i < 1000 && Timers < count; i++)
        {
            await Task.Delay(5);
        }

        Assert.True(Timers >= count, $"only {Timers} timers were created, expected {count}");
    }
}
