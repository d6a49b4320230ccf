using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Verification;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// Records a finished attempt as completed or pruned, with the verdict the verification filter reached before
/// the study was locked; a non-finite value or a rejected artifact fails the attempt instead.
/// </summary>
public sealed class RecordOutcomeActivity(StudyLoader loader, StudyTransaction transaction, AttemptFailure failure, PendingVerdicts verdicts, TimeProvider time, ILogger<RecordOutcomeActivity> logger)
    : StudyActivity<TrialCompleted>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TrialCompleted> context)
    {
        var m = context.Message;
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is not { } study ||
            StaleMessages.Current(study, transaction, m.TrialId, m.Attempt, nameof(TrialCompleted), logger) is not { } trial)
        {
            return;
        }

        if (!double.IsFinite(m.Value))
        {
            failure.Record(study, trial, $"the objective is {m.Value}, not a finite number", retryable: true);
            return;
        }

        var now = time.GetUtcNow();
        var state = m.Pruned ? TrialState.Pruned : TrialState.Completed;
        var outcome = TrialVerificationFilter.Outcome(m, now);
        var verdict = verdicts.Take(m.TrialId, m.Attempt);
        if (verdict?.Error is { } rejected)
        {
            failure.Record(study, trial, rejected, verdict.Retryable);
            return;
        }

        outcome = verdict?.Outcome ?? outcome;
        transaction.Write(w => w.FinishTrial(trial.Id, trial.Attempt, outcome));
        study.Replace(trial with
        {
            State = state,
            Value = outcome.Value,
            Values = outcome.Values ?? trial.Values,
            FinishedAt = now,
            DurationSeconds = m.DurationSeconds,
            Checkpoint = m.Checkpoint ?? trial.Checkpoint,
            Artifact = m.Artifact ?? trial.Artifact,
            Attributes = verdict?.Attributes ?? trial.Attributes,
        });
        study.Deadlines.TryRemove((trial.Id, trial.Attempt), out _);
        study.Workers.TryRemove((trial.Id, trial.Attempt), out _);
        StudyProgress.Publish(transaction, study, now);
    }
}
