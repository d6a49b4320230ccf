namespace HyperBus.Telemetry;

/// <summary>The readiness answer: ready only when every check passed; each check says what it found.</summary>
public sealed record ReadinessReport(bool Ready, IReadOnlyDictionary<string, string> Checks);
