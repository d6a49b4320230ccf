using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Saga.Activities;

/// <summary>Requests an attempt whose backoff is over; an announcement for an attempt no longer waiting changes nothing.</summary>
public sealed class DispatchAttemptActivity(StudyLoader loader, StudyTransaction transaction, TrialPolicies policies, TimeProvider time, ILogger<DispatchAttemptActivity> logger)
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

        // While the trainer pool is broken only its one probe goes out, once the break is over; the others wait for it.
        var pool = policies.Pool(study);
        if (pool.IsBroken && !pool.TryTakeProbe(trial.Id, trial.Attempt, now))
        {
            study.Waiting[(trial.Id, trial.Attempt)] = pool.ProbeAt > now ? pool.ProbeAt : now + pool.BreakDuration;
            return;
        }

        logger.LogInformation("Trial {Number} of {Study}: attempt {Attempt} is due{Probe}", trial.Number, study.Spec.Name, trial.Attempt,
            pool.IsBroken ? $" (the probe of trainer {pool.Kind})" : string.Empty);
        TrialDispatch.Request(transaction, policies, study, trial, now);
    }
}
