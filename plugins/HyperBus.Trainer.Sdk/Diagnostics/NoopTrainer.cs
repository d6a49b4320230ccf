namespace HyperBus.Trainer.Sdk.Diagnostics;

/// <summary>
/// Trains nothing: returns parameter <c>x</c> (or 0), at once or after <c>seconds</c> of simulated work.
/// It measures what the bus and the saga cost per trial (the throughput benchmark), stands in for a long
/// trial in fault drills (kill a worker mid-trial), and checks a deployment end to end without a real model.
/// </summary>
public sealed class NoopTrainer : ITrainer
{
    public const string Kind = "noop";

    public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Params.GetDouble("seconds", 0);
        if (seconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        }

        return new TrialResult(context.Params.Contains("x") ? context.Params.GetDouble("x") : 0);
    }
}
