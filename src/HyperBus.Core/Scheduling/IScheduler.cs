using HyperBus.Core.Trials;

namespace HyperBus.Core.Scheduling;

/// <summary>
/// A trial scheduler (Ray Tune's split from the searcher): decides what happens to running trials on
/// each intermediate report, and the budget a new trial gets. Pruners are schedulers too. Pure: no I/O.
/// </summary>
public interface IScheduler
{
    /// <summary>Called with the trial's reports so far (the new one last).</summary>
    SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report);

    /// <summary>The budget for a trial about to be created, or null for "the full budget / no fidelity".</summary>
    double? BudgetForNewTrial(StudyView study);
}
