namespace HyperBus.Bench.Bus;

/// <summary>A request of the raw round-trip measurement.</summary>
public sealed record Ping(Guid RunId, int Sequence);
