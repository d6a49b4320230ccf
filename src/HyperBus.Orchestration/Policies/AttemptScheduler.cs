using System.Collections.Concurrent;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// Sends <see cref="AttemptDue"/> to the host's own queue when a waiting attempt's due time has come on the host's
/// clock, so its request goes out through the saga and the outbox like any other. The due times live in the store;
/// this only watches the running studies' copies of them.
/// </summary>
public sealed class AttemptScheduler(StudyRuntimeRegistry registry, IBus bus, TimeProvider time, HyperBusOptions options, ILogger<AttemptScheduler> logger)
    : HostClockService(time, options.SchedulePollInterval, logger)
{
    /// <summary>A due attempt still waiting this long after it was announced is announced again (the message was lost, say).</summary>
    public static readonly TimeSpan AnnounceAgainAfter = TimeSpan.FromSeconds(10);

    /// <summary>Which due time of each attempt was announced, and when: a new due time (a probe put off) is announced afresh.</summary>
    private readonly ConcurrentDictionary<(Guid TrialId, int Attempt), (DateTimeOffset Due, DateTimeOffset At)> _announced = new();

    protected override string Work => "announce due attempts";

    protected override Task TickAsync(CancellationToken cancellationToken) => DispatchDueAsync(cancellationToken);

    /// <summary>Announces every waiting attempt whose time has come; returns how many it announced.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var sent = 0;
        ISendEndpoint? endpoint = null;
        foreach (var study in registry.All)
        {
            foreach (var ((trialId, attempt), due) in study.Waiting)
            {
                if (due > now || (_announced.TryGetValue((trialId, attempt), out var last) && last.Due == due && now - last.At < AnnounceAgainAfter))
                {
                    continue;
                }

                endpoint ??= await bus.GetSendEndpoint(new Uri($"queue:{options.HostQueue}"));
                await endpoint.Send(new AttemptDue(study.StudyId, trialId, attempt), cancellationToken);
                _announced[(trialId, attempt)] = (due, now);
                sent++;
            }
        }

        // Forget announcements of attempts that no longer wait (requested, or their study ended).
        foreach (var key in _announced.Keys)
        {
            if (!registry.All.Any(s => s.Waiting.ContainsKey(key)))
            {
                _announced.TryRemove(key, out _);
            }
        }

        return sent;
    }
}
