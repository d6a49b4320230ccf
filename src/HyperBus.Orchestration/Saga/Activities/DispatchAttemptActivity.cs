using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Requests an attempt whose backoff is over; an announcement for an attempt no longer waiting changes nothing.</summary>
public sealed class DispatchAttemptActivity(StudyLoader loader, StudyTransaction transaction, TimeProvider time, ILogger<DispatchAttemptActivity> logger)
    : StudyActivity<AttemptDue>
{
    protected override async Task ExecuteAsync(BehaviorContext<StudyState, AttemptDue> context)
    {
        var m = context.Message;
        var now = time.GetUtcNow();
        // An early announcement (another host's clock, a replayed message) leaves the attempt waiting for its own time.
        if (await loader.GetAsync(m.StudyId, context.CancellationToken) is not { } study || !study.Waiting.TryGetValue((m.TrialId, m.Attempt), out var due) || due > now)
        {
            return;
        }

        if (study.Find(m.TrialId) is not { IsFinished: false } trial || trial.Attempt != m.Attempt)
        {
            study.Waiting.TryRemove((m.TrialId, m.Attempt), out _);
            return;
        }

        logger.LogInformation("Trial {Number} of {Study}: attempt {Attempt} is due", trial.Number, study.Spec.Name, trial.Attempt);
        TrialDispatch.Request(transaction, study, trial, now);
    }
}
