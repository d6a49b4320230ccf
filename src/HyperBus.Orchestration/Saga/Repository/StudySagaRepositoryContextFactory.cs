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
/// message changed (<see cref="StudyTransaction"/>), through the study's <see cref="StudyCommitQueue"/>; the
/// outbox is relayed after that commit. Scoped: one per message.
/// </summary>
public sealed class StudySagaRepositoryContextFactory(
    IOrchestrationStore store,
    StudySagaLocks locks,
    StudySagaCache cache,
    StudyRuntimeRegistry runtimes,
    StudyCommitQueues commits,
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

    /// <summary>The generation of the study's commit queue, taken when a message loads the study under its lock.</summary>
    internal long Generation(Guid studyId) => commits.For(studyId).Generation;

    /// <summary>
    /// Hands the message's changes with the saga's new state (or none) to the study's commit queue, under the
    /// study's lock; returns what to do once the study is unlocked: wait for the commit to be durable (it may
    /// share a transaction with the messages handled meanwhile), then relay its outbox rows and run the
    /// after-commit actions.
    /// </summary>
    internal Func<Task> Commit(Guid studyId, StudyState? instance, long generation, CancellationToken cancellationToken)
    {
        var commit = transaction.Commit;
        if (instance is not null)
        {
            commit.Saga = new StudySaga(instance.CorrelationId, instance.CurrentState, instance.Version, instance.PauseReason);
            cache.Set(instance);
        }

        commit.Relayed = relay.TakeRelayed();
        var stored = commits.For(studyId).EnqueueAsync(commit, generation, instance);
        return async () =>
        {
            IReadOnlyList<OutboxMessage> rows;
            var started = time.GetTimestamp();
            using (var activity = HyperBusActivitySource.Source.StartActivity("store.commit"))
            {
                activity?.SetTag("db.system", "hyperbus-store");
                activity?.SetTag("hyperbus.study_id", studyId);
                activity?.SetTag("hyperbus.writes", commit.Writes.Count);
                activity?.SetTag("hyperbus.outbox", commit.Outbox.Count);
                try
                {
                    rows = await stored;
                }
                catch
                {
                    relay.Return(commit.Relayed);
                    Forget(studyId);
                    throw;
                }
            }

            metrics.RecordStoreWrite("commit", time.GetElapsedTime(started));
            relay.Claim(rows);
            Faults.FaultPoint.Reach(transaction.FaultPoint);
            await relay.RelayAsync(rows, cancellationToken);
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
