namespace HyperBus.Orchestration.Policies;

/// <summary>What the trial policy judges: one attempt's failure as the worker (or the deadline watcher) reported it.</summary>
public sealed record FailedAttempt(string Error, bool Retryable);
