using HyperBus.Trainer.Sdk;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>Throws on the first attempt of even-numbered trials; always throws when <c>alwaysFail</c> is set.</summary>
public sealed class FlakyTrainer(TrainerProbe probe) : ITrainer
{
    public const string Kind = "test-flaky";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        probe.Track(context.Number, context.Attempt, () =>
        {
            if (context.Params.GetString("mode", "flaky") == "always" || (context.Number % 2 == 0 && context.Attempt == 1))
            {
                throw new InvalidOperationException($"simulated crash in trial {context.Number}");
            }

            return Task.FromResult(new TrialResult(context.Params.GetDouble("x")));
        });
}
