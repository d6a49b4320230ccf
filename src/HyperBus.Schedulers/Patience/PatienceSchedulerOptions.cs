namespace HyperBus.Schedulers.Patience;

/// <summary>Options of <see cref="PatienceScheduler"/> (Optuna's PatientPruner without a wrapped pruner).</summary>
/// <param name="Patience">How many reported steps may pass without improvement before the trial is stopped.</param>
/// <param name="MinDelta">How much better than the earlier best a value must be to count as an improvement.</param>
public sealed record PatienceSchedulerOptions(int Patience, double MinDelta = 0);
