using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Records which worker took an attempt and when, and gives the attempt the trial clock.</summary>
public sealed class RecordStartActivity(StudyLoader loader, StudyTransaction transaction, TimeProvider time, ILogger<RecordStartActivity> logger) : StudyActivity<TrialStarted>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TrialStarted> context)
    {
        var m = context.Message;
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is not { } study ||
            Policies.Hedging.HedgedAttempts.Started(study, transaction, m, time.GetUtcNow()) ||
            Policies.Hedging.HedgedAttempts.Current(study, transaction, m.TrialId, m.Attempt, nameof(TrialStarted), logger) is not { } trial)
        {
            return;
        }

        transaction.Write(w => w.MarkStarted(m.TrialId, m.Attempt, m.WorkerId, m.StartedAt));
        study.Replace(trial with { StartedAt = m.StartedAt });
        study.Workers[(m.TrialId, m.Attempt)] = m.WorkerId;
        study.ExtendDeadline(m.TrialId, m.Attempt, time.GetUtcNow());
    }
}
