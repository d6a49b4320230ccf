using System.Collections.Concurrent;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Faults;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Runtime;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Leases;

/// <summary>
/// The study leases this host holds. A host acts on a study only while its lease in the store is this host's;
/// a lease is checked locally while it has more than two thirds of its time left, so the store sees one lease
/// write per study every renewal period, not one per message.
/// </summary>
public sealed class StudyOwnership
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _held = new();
    private readonly IOrchestrationStore _store;
    private readonly StudyRuntimeRegistry _registry;
    private readonly Saga.Repository.StudySagaCache _sagas;
    private readonly Saga.Repository.StudyCommitQueues _commits;
    private readonly TimeProvider _time;
    private readonly ILogger<StudyOwnership> _logger;

    public StudyOwnership(IOrchestrationStore store, StudyRuntimeRegistry registry, Saga.Repository.StudySagaCache sagas, Saga.Repository.StudyCommitQueues commits, HostIdentity host, HyperBusOptions options,
        TimeProvider time, ILogger<StudyOwnership> logger)
    {
        _store = store;
        _registry = registry;
        _sagas = sagas;
        _commits = commits;
        Host = host;
        Duration = options.LeaseDuration;
        _time = time;
        _logger = logger;
    }

    public HostIdentity Host { get; }

    public TimeSpan Duration { get; }

    public IReadOnlyCollection<Guid> Held => [.. _held.Keys];

    /// <summary>True when this host holds (or just took) the study's lease; false while another live host holds it.</summary>
    public async Task<bool> TryOwnAsync(Guid studyId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_held.TryGetValue(studyId, out var expires) && expires - now > Duration / 3)
        {
            return true;
        }

        var lease = await _store.AcquireLeaseAsync(studyId, Host.Id, now, Duration, cancellationToken);
        if (lease.Owner != Host.Id)
        {
            if (_held.TryRemove(studyId, out _))
            {
                Lose(studyId, lease.Owner);
            }

            return false;
        }

        if (_held.TryAdd(studyId, lease.ExpiresAt))
        {
            // Whatever this host knew of the study before is stale (another host may have driven it since): the store is the truth.
            Evict(studyId);
            _logger.LogInformation("Took the lease of study {Study} until {Expires:O}", studyId, lease.ExpiresAt);
            FaultPoint.Reach(FaultPoint.LeaseAcquired);
        }
        else
        {
            _held[studyId] = lease.ExpiresAt;
        }

        return true;
    }

    /// <summary>Renews every lease held; a study whose lease was lost (this host stalled past its expiry) is let go.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var held = Held;
        if (held.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var renewed = (await _store.RenewLeasesAsync(Host.Id, held, now, Duration, cancellationToken)).ToHashSet();
        foreach (var id in held)
        {
            if (renewed.Contains(id))
            {
                _held[id] = now + Duration;
            }
            else if (_held.TryRemove(id, out _))
            {
                Lose(id, "another host");
            }
        }
    }

    /// <summary>Gives the lease up (the study ended here, or this host stops), so another host need not wait for it to expire.</summary>
    public async Task ReleaseAsync(Guid studyId, CancellationToken cancellationToken)
    {
        if (_held.TryRemove(studyId, out _))
        {
            await _store.ReleaseLeaseAsync(studyId, Host.Id, cancellationToken);
        }
    }

    private void Lose(Guid studyId, string owner)
    {
        // The mirror of a study another host now drives is stale: drop it; the store is the truth.
        Evict(studyId);
        _logger.LogWarning("Lost the lease of study {Study} to {Owner}; this host no longer acts on it", studyId, owner);
    }

    private void Evict(Guid studyId)
    {
        _registry.Remove(studyId);
        _sagas.Remove(studyId);
        _commits.Reset(studyId);
    }
}
