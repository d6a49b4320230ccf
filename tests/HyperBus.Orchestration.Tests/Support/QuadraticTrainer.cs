using HyperBus.Trainer.Sdk;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>(x - 0.3)^2 after a short pause, so trials overlap when parallelism allows.</summary>
public sealed class QuadraticTrainer(TrainerProbe probe) : ITrainer
{
    public const string Kind = "test-quadratic";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        probe.Track(context.Number, context.Attempt, async () =>
        {
            await Task.Delay(context.Params.GetInt("delayMs", 30), cancellationToken);
            var x = context.Params.GetDouble("x");
            return new TrialResult((x - 0.3) * (x - 0.3));
        });
}
