using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Saga.Repository;
using MassTransit;

namespace HyperBus.Orchestration.Verification;

/// <summary>
/// Checks a returned artifact (and, with <c>verify:</c>, scores its model) before the study's lock is taken, so a
/// slow ONNX evaluation never holds up the study's other messages; the saga then records the verdict.
/// </summary>
public sealed class TrialVerificationFilter(StudyLoader loader, StudySagaLocks locks, PendingVerdicts verdicts, TimeProvider time, ITrialVerifier? verifier = null)
    : IFilter<ConsumeContext<TrialCompleted>>
{
    public async Task Send(ConsumeContext<TrialCompleted> context, IPipe<ConsumeContext<TrialCompleted>> next)
    {
        var m = context.Message;
        if (verifier is not null && double.IsFinite(m.Value) && await loader.GetAsync(m.StudyId, context.CancellationToken) is { } study &&
            (study.Spec.Artifacts is not null || study.Spec.Verify is not null))
        {
            Trial? trial;
            StudyView view;
            using (await locks.AcquireAsync(m.StudyId, context.CancellationToken))
            {
                // A snapshot: the study moves on while the model is scored.
                trial = study.Find(m.TrialId);
                view = new StudyView(study.StudyId, study.Spec.Space, study.Spec.Directions, [.. study.Trials]);
            }

            if (trial is { IsFinished: false } && trial.Attempt == m.Attempt)
            {
                var verdict = await verifier.VerifyAsync(new(study.StudyId, study.Spec, trial, Outcome(m, time.GetUtcNow()), view), context.CancellationToken);
                verdicts.Put(m.TrialId, m.Attempt, verdict);
            }
        }

        await next.Send(context);
    }

    /// <summary>The outcome a TrialCompleted reports, before any verification.</summary>
    public static TrialOutcome Outcome(TrialCompleted m, DateTimeOffset now) =>
        new(m.Pruned ? TrialState.Pruned : TrialState.Completed, m.Value, now, m.DurationSeconds, m.Metrics, null, m.Checkpoint, m.Artifact, m.WorkerId) { Values = m.Values };

    public void Probe(ProbeContext context) => context.CreateFilterScope("trialVerification");
}
