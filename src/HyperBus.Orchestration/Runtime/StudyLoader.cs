using System.Text.Json;
using HyperBus.Core.Storage;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Rebuilds a running study from the store when this host has no runtime for it: after a restart, the
/// first message about a study brings it back with all its trials and fresh deadlines for those in flight.
/// </summary>
public sealed class StudyLoader
{
    private readonly IStudyStore _store;
    private readonly IOrchestrationStore _schedules;
    private readonly StudyRuntimeRegistry _registry;
    private readonly StudyFactory _factory;
    private readonly TimeProvider _time;
    private readonly Policies.TrialPolicies _policies;
    private readonly ILogger<StudyLoader> _logger;

    public StudyLoader(IStudyStore store, IOrchestrationStore schedules, StudyRuntimeRegistry registry, StudyFactory factory, TimeProvider time, ILogger<StudyLoader> logger,
        Policies.TrialPolicies policies)
    {
        _policies = policies;
        _store = store;
        _schedules = schedules;
        _registry = registry;
        _factory = factory;
        _time = time;
        _logger = logger;
    }

    /// <summary>This host's runtime of the study, loaded from the store when it has none (after a restart or a takeover).</summary>
    public async Task<StudyRuntime?> GetAsync(Guid studyId, CancellationToken cancellationToken) =>
        _registry.Get(studyId) ?? await LoadAsync(studyId, cancellationToken);

    /// <summary>
    /// The study's runtime, or null when the store has no unfinished study of that id. A cancelled study loads
    /// only with <paramref name="cancelled"/> (to resume it).
    /// </summary>
    public async Task<StudyRuntime?> LoadAsync(Guid studyId, CancellationToken cancellationToken, bool cancelled = false)
    {
        var record = await _store.GetStudyAsync(studyId, cancellationToken);
        if (record is null || !(record.Status is StudyStatus.Running or StudyStatus.Paused || (cancelled && record.Status == StudyStatus.Cancelled)))
        {
            return null;
        }

        using var document = JsonDocument.Parse(record.SpecJson);
        var spec = _factory.Parse(document.RootElement);
        var trials = await _store.LoadTrialsAsync(studyId, cancellationToken);
        var runtime = _factory.CreateRuntime(record, spec, trials, record.CreatedAt);
        var now = _time.GetUtcNow();
        foreach (var t in trials.Where(t => !t.IsFinished))
        {
            // The trial clock even for requests not yet taken: a host killed between storing a trial and
            // sending its request leaves no request behind, and this deadline is what retries that trial.
            runtime.ExtendDeadline(t.Id, t.Attempt, now);
        }

        Policies.Hedging.HedgedAttempts.Restore(runtime, trials, now);

        // Retries still waiting out their backoff wait on, with no deadline until they are requested.
        var current = trials.Where(t => !t.IsFinished).ToDictionary(t => t.Id, t => t.Attempt);
        foreach (var waiting in await _schedules.LoadScheduledAttemptsAsync(studyId, cancellationToken))
        {
            if (waiting.RequestedAt is null && current.GetValueOrDefault(waiting.TrialId) == waiting.Attempt)
            {
                runtime.Deadlines.TryRemove((waiting.TrialId, waiting.Attempt), out _);
                runtime.Waiting[(waiting.TrialId, waiting.Attempt)] = waiting.DueAt;
            }
        }

        if (record.Status == StudyStatus.Paused)
        {
            runtime.PauseReason = (await _schedules.LoadSagaAsync(studyId, cancellationToken))?.PauseReason;
        }

        var added = _registry.GetOrAdd(runtime);
        if (ReferenceEquals(added, runtime))
        {
            Policies.PoolRestore.OnLoad(_policies, runtime);
        }

        runtime = added;
        _logger.LogInformation("Resumed study {Name} ({Study}) from the store with {Trials} trials", spec.Name, studyId, trials.Count);
        return runtime;
    }
}
