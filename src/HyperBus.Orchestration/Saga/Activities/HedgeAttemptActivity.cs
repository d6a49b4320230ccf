using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Policies.Hedging;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>
/// Sends a hedged attempt for a straggler: checked again here, under the study's lock, so an early, repeated or
/// outdated <see cref="HedgeDue"/> (the attempt finished, the trial was hedged already, maxHedged reached) changes nothing;
/// a hedge keeps to the trainer pool's rate limit.
/// </summary>
public sealed class HedgeAttemptActivity(StudyLoader loader, StudyTransaction transaction, TrialPolicies policies, TimeProvider time, ILogger<HedgeAttemptActivity> logger)
    : StudyActivity<HedgeDue>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, HedgeDue> context)
    {
        var m = context.Message;
        var now = time.GetUtcNow();
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is not { Spec.Policy.Hedge: { } spec } study ||
            study.Find(m.TrialId) is not { IsFinished: false } trial || trial.Attempt != m.Attempt ||
            study.Hedges.Hedged.ContainsKey(trial.Id) || study.Hedges.InFlight.Count >= spec.MaxHedged ||
            !study.Deadlines.ContainsKey((trial.Id, trial.Attempt)) || study.Waiting.ContainsKey((trial.Id, trial.Attempt)) ||
            policies.HedgeDelay(study) is not { } after ||
            !study.Hedges.RunningSince.TryGetValue((trial.Id, trial.Attempt), out var since) || now - since.Since < after ||
            policies.Pool(study).IsBroken)
        {
            return;
        }

        // A hedge is a request like any other: beyond the trainer pool's rate it keeps the slot the limiter gives it and
        // goes with the first HedgeDue after that slot (the watcher announces an unhedged straggler again).
        if (policies.Rate(study).HeldUntil(trial.Id, trial.Attempt + 1) is { } slot && slot > now)
        {
            logger.LogDebug("Trial {Number} of {Study}: hedge waits for the trainer pool's rate until {Slot}", trial.Number, study.Spec.Name, slot);
            return;
        }

        logger.LogInformation("Trial {Number} of {Study}: attempt {Attempt} has run {Seconds:0.###} s (hedge after {After:0.###} s); hedged with attempt {Hedge}",
            trial.Number, study.Spec.Name, trial.Attempt, (now - since.Since).TotalSeconds, after.TotalSeconds, trial.Attempt + 1);
        HedgedAttempts.Start(study, transaction, trial, now);
    }
}
