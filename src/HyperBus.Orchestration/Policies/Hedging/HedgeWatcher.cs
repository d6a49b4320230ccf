using System.Collections.Concurrent;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Runtime;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// Watches the attempts in flight of studies that hedge, on the host's clock, and sends <see cref="HedgeDue"/> to the
/// host's own queue for each that ran past its study's hedge delay while the study has fewer than <c>maxHedged</c>
/// hedges out, so the hedge goes through the saga and the outbox like any other request.
/// </summary>
public sealed class HedgeWatcher(StudyRuntimeRegistry registry, TrialPolicies policies, IBus bus, TimeProvider time, HyperBusOptions options, ILogger<HedgeWatcher> logger)
    : HostClockService(time, options.SchedulePollInterval, logger)
{
    /// <summary>An announced attempt still unhedged this long after is announced again (the message was lost, or the study was paused).</summary>
    public static readonly TimeSpan AnnounceAgainAfter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(Guid TrialId, int Attempt), DateTimeOffset> _announced = new();

    protected override string Work => "check for stragglers to hedge";

    protected override Task TickAsync(CancellationToken cancellationToken) => ScanAsync(cancellationToken);

    /// <summary>Announces the attempts to hedge now; returns how many it announced.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var sent = 0;
        ISendEndpoint? endpoint = null;
        foreach (var study in registry.All)
        {
            // Attempts no longer in flight need no clock (every study's requests are clocked, hedging or not).
            var book = study.Hedges;
            foreach (var key in book.RunningSince.Keys.Where(k => !study.Deadlines.ContainsKey(k) && !study.Waiting.ContainsKey(k)))
            {
                book.RunningSince.TryRemove(key, out _);
            }

            if (study.Spec.Policy.Hedge is not { } spec || policies.HedgeDelay(study) is not { } after)
            {
                continue;
            }

            var pending = _announced.Count(a => now - a.Value < AnnounceAgainAfter && !book.Hedged.ContainsKey(a.Key.TrialId) && study.Deadlines.ContainsKey(a.Key));
            var room = spec.MaxHedged - book.InFlight.Count - pending;
            foreach (var (key, _) in study.Deadlines)
            {
                if (room <= 0)
                {
                    break;
                }

                // The deadlines hold every attempt in flight, hedges included; a trial is hedged once.
                var since = book.RunningSince.GetOrAdd(key, (now, false)).Since;
                if (book.Hedged.ContainsKey(key.TrialId) || now - since < after ||
                    (_announced.TryGetValue(key, out var at) && now - at < AnnounceAgainAfter))
                {
                    continue;
                }

                endpoint ??= await bus.GetSendEndpoint(new Uri($"queue:{options.HostQueue}"));
                await endpoint.Send(new HedgeDue(study.StudyId, key.TrialId, key.Attempt), cancellationToken);
                _announced[key] = now;
                room--;
                sent++;
            }
        }

        foreach (var key in _announced.Keys.Where(k => !registry.All.Any(s => s.Deadlines.ContainsKey(k))))
        {
            _announced.TryRemove(key, out _);
        }

        return sent;
    }
}
