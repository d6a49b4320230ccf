namespace HyperBus.Trainer.Sdk.Diagnostics;

/// <summary>
/// Trains nothing: returns parameter <c>x</c> (or 0) at once. It measures what the bus and the saga cost
/// per trial (the throughput benchmark) and checks a deployment end to end without a real model.
/// </summary>
public sealed class NoopTrainer : ITrainer
{
    public const string Kind = "noop";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TrialResult(context.Params.Contains("x") ? context.Params.GetDouble("x") : 0));
}
