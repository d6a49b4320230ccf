using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Fifo;

/// <summary>The default: every trial runs to the end with the full budget; nothing is ever stopped.</summary>
public sealed class FifoScheduler : IScheduler
{
    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report) => SchedulerDecision.Continue;

    public double? BudgetForNewTrial(StudyView study) => null;
}
