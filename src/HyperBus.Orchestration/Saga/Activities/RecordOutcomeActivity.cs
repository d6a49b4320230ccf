using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Verification;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// Records a finished attempt as completed or pruned, after verifying its artifact; a non-finite value or a rejected
/// artifact fails the attempt instead.
/// </summary>
public sealed class RecordOutcomeActivity(StudyLoader loader, StudyTransaction transaction, AttemptFailure failure, PoolVerdicts pools, TimeProvider time,
    ILogger<RecordOutcomeActivity> logger, ITrialVerifier? verifier = null)
    : StudyActivity<TrialCompleted>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, TrialCompleted> context)
    {
        var m = context.Message;
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is not { } study ||
            Policies.Hedging.HedgedAttempts.Outcome(study, transaction, m, time.GetUtcNow(), logger) is not { } trial)
        {
            return;
        }

        if (!double.IsFinite(m.Value))
        {
            Fail(context, study, trial, $"the objective is {m.Value}, not a finite number", retryable: true);
            return;
        }

        var now = time.GetUtcNow();
        var state = m.Pruned ? TrialState.Pruned : TrialState.Completed;
        var outcome = new TrialOutcome(state, m.Value, now, m.DurationSeconds, m.Metrics, null, m.Checkpoint, m.Artifact, m.WorkerId) { Values = m.Values };
        // The artifact is checked (and, with verify:, the model's score, worked out before the lock by
        // PrepareVerificationFilter, applied) before anything is recorded; whether this trial is the new best (whose
        // model is kept) is decided here, under the study's lock, on the live view.
        var verdict = verifier is not null && (study.Spec.Artifacts is not null || study.Spec.Verify is not null)
            ? await verifier.VerifyAsync(new(study.StudyId, study.Spec, trial, outcome, study.View()), context.CancellationToken)
            : null;
        if (verdict?.Error is { } rejected)
        {
            Fail(context, study, trial, rejected, verdict.Retryable);
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
        await pools.SucceededAsync(study, trial, context.Saga.PauseReason, context.CancellationToken);
    }

    private void Fail(BehaviorContext<StudyState, TrialCompleted> context, StudyRuntime study, Trial trial, string error, bool retryable)
    {
        failure.Record(study, trial, error, retryable);
        if (failure.PauseReason is { } reason)
        {
            StudyPause.Apply(context.Saga, transaction, study, reason);
        }
    }
}
