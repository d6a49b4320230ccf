namespace HyperBus.Bench.Bus;

/// <summary>How long the ping consumer works before it answers: zero for the round-trip ceiling, a trial's length for
/// the overhead floor (bench/overhead.sh), the same <c>Task.Delay</c> the no-op trainer waits.</summary>
public sealed record PingDelay(TimeSpan Value);
