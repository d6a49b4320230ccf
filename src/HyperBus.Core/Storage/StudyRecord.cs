using HyperBus.Core.Trials;

namespace HyperBus.Core.Storage;

/// <summary>A study as stored: its identity, the spec it runs (as JSON) and its state.</summary>
public sealed record StudyRecord(
    Guid Id,
    string Name,
    string SpecJson,
    StudyDirection Direction,
    StudyStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
