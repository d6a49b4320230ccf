namespace HyperBus.Orchestration.Tests.Support;

/// <summary>
/// Bounded polling on the wall clock (10 s): the host handles messages on its own threads, also while a test's fake
/// clock stands still, so a test waits for what the host stored or sent rather than for time to pass.
/// </summary>
public static class Poll
{
    private const int Tries = 400;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> ForAsync<T>(Func<Task<T?>> find)
        where T : class
    {
        for (var i = 0; i < Tries; i++)
        {
            if (await find() is { } found)
            {
                return found;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"no {typeof(T).Name} came within {Tries * Interval.TotalSeconds:0} s");
    }

    public static Task<T> ForAsync<T>(Func<T?> find)
        where T : class => ForAsync(() => Task.FromResult(find()));

    public static Task UntilAsync(Func<Task<bool>> condition) => ForAsync(async () => await condition() ? new object() : null);

    public static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));
}
