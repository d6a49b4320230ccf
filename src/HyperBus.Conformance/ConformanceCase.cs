namespace HyperBus.Conformance;

/// <summary>
/// One promise of the wire contract, checked against a running worker. The check returns null when the
/// worker kept the promise, else what it did instead.
/// </summary>
public sealed record ConformanceCase(string Name, string Promise, Func<WireProbe, CancellationToken, Task<string?>> Check);
