using System.Collections.Concurrent;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>One lock per study: the messages of a study are handled one at a time, those of different studies in parallel.</summary>
public sealed class StudySagaLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(Guid studyId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(studyId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
