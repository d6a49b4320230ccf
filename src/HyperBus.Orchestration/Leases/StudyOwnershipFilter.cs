using HyperBus.Orchestration.Hosting;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Leases;

/// <summary>
/// Lets a study's message through only on the host that holds (or can take) the study's lease. Hosts sharing
/// a store share its queue, so a message for a study another live host owns is sent back to the queue for
/// the owner, after a short pause so a standby does not spin; once the owner's lease expires, the next
/// delivery takes the lease here and the study goes on without a restart.
/// </summary>
public sealed class StudyOwnershipFilter<T>(StudyOwnership ownership, ILogger<StudyOwnership> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (HostMessages.StudyOf(context.Message) is not { } studyId || await ownership.TryOwnAsync(studyId, context.CancellationToken))
        {
            await next.Send(context);
            return;
        }

        logger.LogDebug("Study {Study} is owned by another host; {Message} goes back to the queue", studyId, typeof(T).Name);
        await Task.Delay(Pause, context.CancellationToken);
        var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
        await queue.Send(context.Message, context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("studyOwnership");
}
