using HyperBus.Orchestration.Runtime;
using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>The chain every study event shares: let the conductor handle it, then stay running or finalize.</summary>
public static class StudyStepExtensions
{
    public static EventActivityBinder<StudyState, T> Step<T>(
        this EventActivityBinder<StudyState, T> binder,
        Func<StudyConductor, BehaviorContext<StudyState, T>, Task<StudyStep>> handle)
        where T : class =>
        binder
            .ThenAsync(async ctx => ctx.Saga.LastStep = await handle(ctx.GetServiceOrCreateInstance<StudyConductor>(), ctx))
            .IfElse(ctx => ctx.Saga.LastStep == StudyStep.Running,
                running => running.TransitionTo(running.StateMachine is StudyStateMachine m ? m.Running : throw new InvalidOperationException("unexpected state machine")),
                ended => ended.Finalize());
}
