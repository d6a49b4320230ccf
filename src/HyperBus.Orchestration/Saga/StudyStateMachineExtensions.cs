using MassTransit;

namespace HyperBus.Orchestration.Saga;

/// <summary>The transition every study event ends with: to the state its activities decided (<see cref="StudyState.Next"/>).</summary>
public static class StudyStateMachineExtensions
{
    public static EventActivityBinder<StudyState, T> MoveOn<T>(this EventActivityBinder<StudyState, T> binder, StudyStateMachine machine)
        where T : class =>
        binder
            .If(c => c.Saga.Next == StudyEnd.Running, b => b.TransitionTo(machine.Running))
            .If(c => c.Saga.Next == StudyEnd.Completed, b => b.TransitionTo(machine.Completed))
            .If(c => c.Saga.Next == StudyEnd.Failed, b => b.TransitionTo(machine.Failed))
            .If(c => c.Saga.Next == StudyEnd.Paused, b => b.TransitionTo(machine.Paused))
            .If(c => c.Saga.Next == StudyEnd.Rejected, b => b.Finalize())
            .Then(c => c.Saga.Next = StudyEnd.None);
}
