using System.Collections.Concurrent;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>
/// How many trials of one trainer kind train at once (<see cref="WorkerOptions.Concurrency"/>). The worker takes
/// more requests from the broker than that (<see cref="RequestsInHand"/>): a request is acknowledged only once
/// its outcome's publish is confirmed, a few milliseconds after training ended, and with no headroom the next
/// request could not even be delivered before then. With it, the next trial trains while the last outcome waits.
/// </summary>
public sealed class TrainingSlots(WorkerOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _kinds = new(StringComparer.Ordinal);

    /// <summary>The requests a worker endpoint takes at once: the trials training and as many again waiting on a confirm or a slot.</summary>
    public static int RequestsInHand(int concurrency) => 2 * Math.Max(concurrency, 1);

    /// <summary>Waits for a free slot of <paramref name="kind"/>; disposing the result gives it back (once).</summary>
    public async Task<IDisposable> TakeAsync(string kind, CancellationToken cancellationToken)
    {
        var slots = _kinds.GetOrAdd(kind, _ => new SemaphoreSlim(Math.Max(options.Concurrency, 1)));
        await slots.WaitAsync(cancellationToken);
        return new Slot(slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
