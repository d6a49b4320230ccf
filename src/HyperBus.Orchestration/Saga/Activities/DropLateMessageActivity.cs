using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// A trial message for a study that has ended: dropped with one warning line and counted. A report is answered
/// Stop so its worker frees the slot.
/// </summary>
public sealed class DropLateMessageActivity<TMessage>(StudyTransaction transaction, ILogger<DropLateMessageActivity<TMessage>> logger) : StudyActivity<TMessage>
    where TMessage : class
{
    protected override Task ExecuteAsync(BehaviorContext<StudyState, TMessage> context)
    {
        var (trialId, attempt) = context.Message switch
        {
            TrialStarted m => (m.TrialId, m.Attempt),
            TrialReported m => (m.TrialId, m.Attempt),
            TrialCompleted m => (m.TrialId, m.Attempt),
            TrialFailed m => (m.TrialId, m.Attempt),
            _ => (Guid.Empty, 0),
        };
        var study = context.Saga.CorrelationId;
        StaleMessages.Drop(study, study.ToString(), transaction, typeof(TMessage).Name, trialId, attempt, DropReasons.StudyFinished,
            $"the study is {context.Saga.CurrentState}", logger);
        if (context.Message is TrialReported report)
        {
            transaction.Decide(new TrialDecision(study, report.TrialId, report.Attempt, report.Step, TrialAction.Stop, null, null), report.WorkerId);
        }

        return Task.CompletedTask;
    }
}
