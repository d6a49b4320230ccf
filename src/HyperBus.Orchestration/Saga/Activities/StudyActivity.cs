using MassTransit;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>The plumbing every study activity shares; each subclass does one job in <see cref="ExecuteAsync"/>.</summary>
public abstract class StudyActivity<TMessage> : IStateMachineActivity<StudyState, TMessage>
    where TMessage : class
{
    public void Probe(ProbeContext context) => context.CreateScope(GetType().Name);

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<StudyState, TMessage> context, IBehavior<StudyState, TMessage> next)
    {
        await ExecuteAsync(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<StudyState, TMessage, TException> context, IBehavior<StudyState, TMessage> next)
        where TException : Exception => next.Faulted(context);

    protected abstract Task ExecuteAsync(BehaviorContext<StudyState, TMessage> context);
}
