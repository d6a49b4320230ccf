namespace HyperBus.Bench.Bus;

/// <summary>The answer to a <see cref="Ping"/>.</summary>
public sealed record Pong(Guid RunId, int Sequence);
