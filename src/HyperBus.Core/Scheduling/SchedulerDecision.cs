using HyperBus.Core.Space;

namespace HyperBus.Core.Scheduling;

/// <summary>A scheduler's answer to an intermediate report.</summary>
public sealed record SchedulerDecision(SchedulerAction Action, Guid? SourceTrialId = null, ParameterSet? NewParams = null)
{
    public static SchedulerDecision Continue { get; } = new(SchedulerAction.Continue);

    public static SchedulerDecision Stop { get; } = new(SchedulerAction.Stop);
}
