using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Diagnostics;
using HyperBus.Trainer.Sdk.Hosting;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Trainers.Tests.Sdk;

/// <summary>
/// The worker announces TrialStarted only for a trial still training after <see cref="WorkerOptions.StartedAnnouncementDelay"/>,
/// once, before its outcome; a quick trial, or one that fails quickly, names its worker in the outcome alone.
/// </summary>
public sealed class When_a_trial_runs_past_the_announcement_delay : IAsyncDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);
    private readonly ServiceProvider _provider = new ServiceCollection()
        .AddTrainerWorker(o => o.StartedAnnouncementDelay = Delay)
        .AddTrainer<NoopTrainer>(NoopTrainer.Kind)
        .AddTrainer<FailingAfter>("failing")
        .AddMassTransitTestHarness(x => x.AddConsumer<TrialRequestedConsumer>())
        .BuildServiceProvider(true);

    private ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    [Theory]
    [InlineData(NoopTrainer.Kind, 0.6, true)]
    [InlineData(NoopTrainer.Kind, 0.0, false)]
    [InlineData("failing", 0.6, true)]
    [InlineData("failing", 0.0, false)]
    public async Task Should_announce_only_a_trial_still_training(string trainer, double seconds, bool announced)
    {
        await Harness.Start();
        var request = Request(trainer, seconds);
        await Harness.Bus.Publish(request);

        Assert.True(await Harness.Published.Any<TrialCompleted>(m => m.Context.Message.TrialId == request.TrialId)
            || await Harness.Published.Any<TrialFailed>(m => m.Context.Message.TrialId == request.TrialId), "no outcome");
        Assert.Equal(trainer == "failing", await Harness.Published.Any<TrialFailed>(m => m.Context.Message.TrialId == request.TrialId));
        // Past the delay again, so a stray announcement of a quick trial would have been published by now.
        await Task.Delay(Delay * 3);

        var starts = Harness.Published.Select<TrialStarted>(m => m.Context.Message.TrialId == request.TrialId).ToList();
        Assert.Equal(announced ? 1 : 0, starts.Count);
        if (announced)
        {
            var outcome = Harness.Published.Select(m => m.MessageObject is TrialCompleted or TrialFailed).Single();
            Assert.True(starts[0].Context.SentTime <= outcome.Context.SentTime, "TrialStarted after the outcome");
            Assert.Equal(request.Attempt, starts[0].Context.Message.Attempt);
        }
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    private static TrialRequested Request(string trainer, double seconds) => new(
        Guid.NewGuid(), Guid.NewGuid(), 0, 1, trainer, "value",
        new Dictionary<string, JsonElement> { ["seconds"] = JsonSerializer.SerializeToElement(seconds) }, new Dictionary<string, JsonElement>(),
        null, null, DateTimeOffset.UtcNow.AddMinutes(5), null);

    /// <summary>Trains for <c>seconds</c>, then fails for good.</summary>
    private sealed class FailingAfter : ITrainer
    {
        public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(context.Params.GetDouble("seconds", 0)), cancellationToken);
            throw new TrialFailedException("the data would not load");
        }
    }
}
