using HyperBus.Contracts;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Faults;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// Stores an intermediate report and answers it with the scheduler's decision (continue, stop, exploit). A report
/// for an attempt that is no longer current is answered Stop, so its worker frees the slot.
/// </summary>
public sealed class RouteReportActivity(StudyLoader loader, StudyTransaction transaction, TimeProvider time, ILogger<RouteReportActivity> logger) : StudyActivity<TrialReported>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TrialReported> context)
    {
        var m = context.Message;
        var action = TrialAction.Stop;
        var loaded = await loader.GetAsync(m.StudyId, context.CancellationToken);
        if (loaded is not null && Policies.Hedging.HedgedAttempts.Reported(loaded, m, time.GetUtcNow()))
        {
            action = TrialAction.Continue;
        }
        else if (loaded is { } study &&
            Policies.Hedging.HedgedAttempts.Current(study, transaction, m.TrialId, m.Attempt, nameof(TrialReported), logger) is { } trial)
        {
            var report = new TrialReport(m.Step, m.Value);
            if (trial.Reports.Count == 0 || trial.Reports[^1].Step < report.Step)
            {
                transaction.Write(w => w.AppendReport(m.TrialId, m.Attempt, report));
                trial = trial with { Reports = [.. trial.Reports, report] };
                study.Replace(trial);
            }

            study.Workers[(m.TrialId, m.Attempt)] = m.WorkerId;
            study.ExtendDeadline(m.TrialId, m.Attempt, time.GetUtcNow());
            action = study.Scheduler.OnReport(study.View(), trial, report).Action switch
            {
                SchedulerAction.Stop => TrialAction.Stop,
                SchedulerAction.Exploit => TrialAction.Exploit,
                _ => TrialAction.Continue,
            };
            transaction.FaultPoint = FaultPoint.ReportCommitted;
        }

        transaction.Decide(new TrialDecision(m.StudyId, m.TrialId, m.Attempt, m.Step, action, null, null), m.WorkerId);
    }
}
