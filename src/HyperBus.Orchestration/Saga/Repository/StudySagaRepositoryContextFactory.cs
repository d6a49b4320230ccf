using HyperBus.Core.Storage;
using HyperBus.Orchestration.Metrics;
using HyperBus.Orchestration.Outbox;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using MassTransit.Saga;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>
/// The study saga's repository over the study store: an instance is loaded from the store (or this host's
/// cache), locked per study while a message is handled, and saved in the same transaction as everything the
/// message changed (<see cref="StudyTransaction"/>); the outbox is relayed after that commit. Scoped: one per message.
/// </summary>
public sealed class StudySagaRepositoryContextFactory(
    IOrchestrationStore store,
    StudySagaLocks locks,
    StudySagaCache cache,
    StudyRuntimeRegistry runtimes,
    StudyTransaction transaction,
    OutboxRelay relay,
    HyperBusMetrics metrics,
    TimeProvider time) : ISagaRepositoryContextFactory<StudyState>
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<StudyState, T>> next)
        where T : class
    {
        using var repositoryContext = new StudySagaRepositoryContext<T>(context, this);
        await next.Send(repositoryContext);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<StudyState> query, IPipe<SagaRepositoryQueryContext<StudyState, T>> next)
        where T : class => throw new NotSupportedException("study sagas are correlated by study id, never queried");

    public void Probe(ProbeContext context) => context.Add("persistence", "study store");

    internal Task<IDisposable> LockAsync(Guid studyId, CancellationToken cancellationToken) => locks.AcquireAsync(studyId, cancellationToken);

    internal async Task<StudyState?> LoadAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (cache.Get(studyId) is { } cached)
        {
            return cached;
        }

        if (await store.LoadSagaAsync(studyId, cancellationToken) is not { } saga)
        {
            return null;
        }

        var instance = new StudyState { CorrelationId = studyId, CurrentState = saga.State, Version = saga.Version, PauseReason = saga.PauseReason };
        cache.Set(instance);
        return instance;
    }

    /// <summary>
    /// Commits the message's changes with the saga's new state (or none); returns what to do once the study is
    /// unlocked: relay the outbox (broker confirmations then overlap with the study's next message instead of
    /// queueing behind the lock) and run the after-commit actions.
    /// </summary>
    internal async Task<Func<Task>> CommitAsync(StudyState? instance, CancellationToken cancellationToken)
    {
        var commit = transaction.Commit;
        if (instance is not null)
        {
            commit.Saga = new StudySaga(instance.CorrelationId, instance.CurrentState, instance.Version, instance.PauseReason);
        }

        commit.Relayed = relay.TakeRelayed();
        IReadOnlyList<OutboxMessage> stored;
        var started = time.GetTimestamp();
        using (var activity = HyperBusActivitySource.Source.StartActivity("store.commit"))
        {
            activity?.SetTag("db.system", "hyperbus-store");
            activity?.SetTag("hyperbus.study_id", instance?.CorrelationId);
            activity?.SetTag("hyperbus.writes", commit.Writes.Count);
            activity?.SetTag("hyperbus.outbox", commit.Outbox.Count);
            try
            {
                stored = await store.CommitAsync(commit, cancellationToken);
            }
            catch
            {
                relay.Return(commit.Relayed);
                Forget(instance?.CorrelationId);
                throw;
            }
        }

        metrics.RecordStoreWrite("commit", time.GetElapsedTime(started));

        if (instance is not null)
        {
            instance.Version = instance.Version == 0 ? 1 : instance.Version + 1;
            cache.Set(instance);
        }

        relay.Claim(stored);
        Faults.FaultPoint.Reach(transaction.FaultPoint);
        return async () =>
        {
            await relay.RelayAsync(stored, cancellationToken);
            foreach (var after in transaction.AfterCommit)
            {
                await after(cancellationToken);
            }
        };
    }

    /// <summary>After a failed message the host's copies may hold changes the store never took: drop them, reload next time.</summary>
    internal void Forget(Guid? studyId)
    {
        if (studyId is { } id)
        {
            cache.Remove(id);
            runtimes.Remove(id);
        }
    }
}
