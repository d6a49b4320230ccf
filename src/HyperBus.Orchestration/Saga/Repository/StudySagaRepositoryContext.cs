using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace HyperBus.Orchestration.Saga.Repository;

/// <summary>One message's view of the study saga repository: holds the study's lock from load (or add) to save.</summary>
public sealed class StudySagaRepositoryContext<T> : ConsumeContextScope<T>, SagaRepositoryContext<StudyState, T>, IDisposable
    where T : class
{
    private readonly ConsumeContext<T> _context;
    private readonly StudySagaRepositoryContextFactory _factory;
    private IDisposable? _lock;
    private Guid _studyId;
    private long _generation;

    public StudySagaRepositoryContext(ConsumeContext<T> context, StudySagaRepositoryContextFactory factory)
        : base(context)
    {
        _context = context;
        _factory = factory;
    }

    public async Task<SagaConsumeContext<StudyState, T>> Add(StudyState instance)
    {
        await LockAsync(instance.CorrelationId);
        return new DefaultSagaConsumeContext<StudyState, T>(_context, instance);
    }

    public async Task<SagaConsumeContext<StudyState, T>?> Insert(StudyState instance)
    {
        await LockAsync(instance.CorrelationId);
        return new DefaultSagaConsumeContext<StudyState, T>(_context, instance);
    }

    public async Task<SagaConsumeContext<StudyState, T>?> Load(Guid correlationId)
    {
        await LockAsync(correlationId);
        var instance = await _factory.LoadAsync(correlationId, CancellationToken);
        if (instance is null)
        {
            Unlock();
            return null;
        }

        return new DefaultSagaConsumeContext<StudyState, T>(_context, instance);
    }

    public Task Save(SagaConsumeContext<StudyState> context) => FinishAsync(context.Saga, store: true);

    public Task Update(SagaConsumeContext<StudyState> context) => FinishAsync(context.Saga, store: true);

    /// <summary>Finalized instances are not kept (a rejected submit); what the message queued is still committed.</summary>
    public Task Delete(SagaConsumeContext<StudyState> context) => FinishAsync(null, store: true, forget: context.Saga.CorrelationId);

    public Task Discard(SagaConsumeContext<StudyState> context) => FinishAsync(null, store: true, forget: context.Saga.CorrelationId);

    public Task Undo(SagaConsumeContext<StudyState> context)
    {
        _factory.Forget(context.Saga.CorrelationId);
        Unlock();
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<StudyState, TMessage>> CreateSagaConsumeContext<TMessage>(ConsumeContext<TMessage> consumeContext, StudyState instance, SagaConsumeContextMode mode)
        where TMessage : class => Task.FromResult<SagaConsumeContext<StudyState, TMessage>>(new DefaultSagaConsumeContext<StudyState, TMessage>(consumeContext, instance));

    public void Dispose() => Unlock();

    private async Task FinishAsync(StudyState? instance, bool store, Guid? forget = null)
    {
        Func<Task>? afterUnlock = null;
        try
        {
            if (store)
            {
                afterUnlock = _factory.Commit(_studyId, instance, _generation, CancellationToken);
            }

            if (forget is { } id)
            {
                _factory.Forget(id);
            }
        }
        finally
        {
            Unlock();
        }

        if (afterUnlock is not null)
        {
            await afterUnlock();
        }
    }

    private async Task LockAsync(Guid studyId)
    {
        if (_lock is null)
        {
            _lock = await _factory.LockAsync(studyId, CancellationToken);
            _studyId = studyId;
            _generation = _factory.Generation(studyId);
        }
    }

    private void Unlock()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
