using HyperBus.Contracts;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Verification;

/// <summary>
/// Has the verifier score an outcome's model before the message reaches the study saga (and its lock), so a study's
/// other outcomes are not held up while one model is scored. Only outcomes the verifier will look at are prepared:
/// a completed attempt with an artifact, of a study this host has loaded, with <c>verify:</c> in its spec.
/// </summary>
public sealed class PrepareVerificationFilter<T>(StudyRuntimeRegistry studies, ILogger<PrepareVerificationFilter<T>> logger, ITrialVerifier? verifier = null)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (verifier is not null && context.Message is TrialCompleted { Pruned: false, Artifact: { } artifact } m &&
            studies.Get(m.StudyId) is { Spec.Verify: not null } study)
        {
            try
            {
                await verifier.PrepareAsync(new TrialToPrepare(m.StudyId, study.Spec, m.TrialId, m.Attempt, artifact, m.Pruned), context.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Preparing is only a head start: the verdict under the lock does the work again and reports the error.
                logger.LogDebug("Could not prepare the verification of trial {Trial}: {Error}", m.TrialId, e.Message);
            }
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("prepareVerification");
}
