using HyperBus.Trainer.Sdk;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>
/// Throws on the first attempt of even-numbered trials (mode <c>flaky</c>), on every attempt (<c>always</c>),
/// or hangs there for 30 s ignoring cancellation (<c>hang</c>, a trainer stuck in native code); in mode <c>outage</c>
/// it fails every attempt while <see cref="TrainerProbe.Outage"/> is set.
/// </summary>
public sealed class FlakyTrainer(TrainerProbe probe) : ITrainer
{
    public const string Kind = "test-flaky";

    public Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken) =>
        probe.Track(context.Number, context.Attempt, () =>
        {
            var mode = context.Params.GetString("mode", "flaky");
            if (mode == "hang" && context.Number % 2 == 0 && context.Attempt == 1)
            {
                Thread.Sleep(TimeSpan.FromSeconds(30));
            }
            else if (mode == "outage")
            {
                if (probe.Outage)
                {
                    throw new InvalidOperationException("CUDA device unavailable");
                }
            }
            else if (mode == "always" || (context.Number % 2 == 0 && context.Attempt == 1))
            {
                throw new InvalidOperationException($"simulated crash in trial {context.Number}");
            }

            return Task.FromResult(new TrialResult(context.Params.GetDouble("x")));
        });
}
