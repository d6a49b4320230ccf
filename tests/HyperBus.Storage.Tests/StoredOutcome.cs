namespace HyperBus.Storage.Tests;

/// <summary>The parts of a finished trial that the store keeps but a loaded Trial does not carry.</summary>
public sealed record StoredOutcome(IReadOnlyDictionary<string, double>? Metrics, string? Checkpoint, string? Artifact, double? DurationSeconds);
