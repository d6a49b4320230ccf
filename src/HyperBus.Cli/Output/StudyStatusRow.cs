using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Cli.Output;

/// <summary>One study as <c>hyperbus status</c> shows it.</summary>
public sealed record StudyStatusRow(string Study, Guid StudyId, string State, string Direction, int Completed, int Pruned, int Failed, int Running, double? BestValue, DateTimeOffset CreatedAt)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Messages about the study that changed nothing (late, duplicate, stale attempt, study finished), by reason.</summary>
    public IReadOnlyDictionary<string, long> Dropped { get; init; } = new Dictionary<string, long>();

    /// <summary>Why the study's running trials wait (no worker serves its trainer kind), as the host recorded it; null when nothing is wrong.</summary>
    public string? Warning { get; init; }

    /// <summary>Why a paused study is paused (<c>paused: trainer KIND failing: ERROR</c> when its trainer pool broke); null otherwise.</summary>
    public string? PauseReason { get; init; }

    /// <summary>The sampler that chose the latest trial, when the study's sampler (auto) names its delegate; null otherwise.</summary>
    public string? Sampler { get; init; }

    public static StudyStatusRow From(StudyRecord record, IReadOnlyList<Trial> trials)
    {
        var best = new StudyView(record.Id, HyperBus.Core.Space.SearchSpace.Create([]), record.Direction, trials).Best;
        return new StudyStatusRow(record.Name, record.Id, record.Status.ToString().ToLowerInvariant(), record.Direction.ToString().ToLowerInvariant(),
            trials.Count(t => t.State == TrialState.Completed), trials.Count(t => t.State == TrialState.Pruned),
            trials.Count(t => t.State == TrialState.Failed), trials.Count(t => t.State == TrialState.Running), best?.Value, record.CreatedAt)
        {
            Warning = trials.Where(t => t.State == TrialState.Running)
                .Select(t => t.Attributes.GetValueOrDefault(Orchestration.Hosting.TrainerQueueWatcher.WaitingAttribute))
                .FirstOrDefault(w => !string.IsNullOrEmpty(w)),
            Sampler = trials.LastOrDefault(t => t.Attributes.ContainsKey(TrialAttributeKeys.Sampler))?.Attributes[TrialAttributeKeys.Sampler],
        };
    }
}
