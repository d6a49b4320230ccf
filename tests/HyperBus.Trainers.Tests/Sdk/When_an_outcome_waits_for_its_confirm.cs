using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Hosting;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Trainers.Tests.Sdk;

/// <summary>
/// A worker holds more requests than it trains (<see cref="TrainingSlots"/>): a finished trial gives its slot back
/// before its outcome is published, so the next request trains while the broker confirms the last outcome, and
/// no more trials than <see cref="WorkerOptions.Concurrency"/> ever train at once.
/// </summary>
public sealed class When_an_outcome_waits_for_its_confirm
{
    private const string Kind = "counted";

    [Fact]
    public async Task Should_train_the_next_request_meanwhile()
    {
        await using var provider = Worker(concurrency: 1, out var counter);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var held = new HeldOutcomes();
        using var observer = harness.Bus.ConnectPublishObserver(held);

        var first = Request();
        var second = Request();
        try
        {
            await harness.Bus.Publish(first);
            await held.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
            await harness.Bus.Publish(second);

            // The first outcome is still unpublished (its "confirm" is held), yet the second trial trains to its end.
            await counter.Trained(second.TrialId).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(harness.Published.Select<TrialCompleted>(), m => m.Context.Message.TrialId == first.TrialId);
        }
        finally
        {
            // Never leave a consumer blocked: the harness waits for it when it stops.
            held.Release();
        }

        Assert.True(await harness.Published.Any<TrialCompleted>(m => m.Context.Message.TrialId == first.TrialId));
        Assert.True(await harness.Published.Any<TrialCompleted>(m => m.Context.Message.TrialId == second.TrialId));
    }

    [Fact]
    public async Task Should_never_train_more_than_its_concurrency()
    {
        await using var provider = Worker(concurrency: 2, out var counter);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var requests = Enumerable.Range(0, 12).Select(_ => Request()).ToList();

        foreach (var request in requests)
        {
            await harness.Bus.Publish(request);
        }

        foreach (var request in requests)
        {
            Assert.True(await harness.Published.Any<TrialCompleted>(m => m.Context.Message.TrialId == request.TrialId), $"trial {request.TrialId} has no outcome");
        }

        Assert.Equal(2, counter.MostAtOnce);
    }

    private static ServiceProvider Worker(int concurrency, out CountedTrainer counter)
    {
        var trainer = new CountedTrainer();
        counter = trainer;
        return new ServiceCollection()
            .AddTrainerWorker(o => o.Concurrency = concurrency)
            .AddKeyedSingleton<ITrainer>(Kind, trainer)
            .AddMassTransitTestHarness(x => x.AddConsumer<TrialRequestedConsumer>()
                .Endpoint(e => e.ConcurrentMessageLimit = TrainingSlots.RequestsInHand(concurrency)))
            .BuildServiceProvider(true);
    }

    private static TrialRequested Request() => new(
        Guid.NewGuid(), Guid.NewGuid(), 0, 1, Kind, "value", new Dictionary<string, System.Text.Json.JsonElement>(),
        new Dictionary<string, System.Text.Json.JsonElement>(), null, null, DateTimeOffset.UtcNow.AddHours(1), 60);

    /// <summary>Holds every outcome's publish until released, as a slow broker confirm would.</summary>
    private sealed class HeldOutcomes : IPublishObserver
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstHeld => _firstHeld.Task;

        public void Release() => _release.TrySetResult();

        public async Task PrePublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.Message is TrialCompleted)
            {
                _firstHeld.TrySetResult();
                await _release.Task;
            }
        }

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    /// <summary>Trains for a moment and counts the trials training at once.</summary>
    private sealed class CountedTrainer : ITrainer
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Guid, TaskCompletionSource> _trained = [];
        private int _now;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public Task Trained(Guid trialId)
        {
            lock (_gate)
            {
                return Signal(trialId).Task;
            }
        }

        public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _most = Math.Max(_most, ++_now);
            }

            await Task.Delay(20, cancellationToken);
            lock (_gate)
            {
                _now--;
                Signal(context.TrialId).TrySetResult();
            }

            return new TrialResult(1);
        }

        private TaskCompletionSource Signal(Guid trialId)
        {
            if (!_trained.TryGetValue(trialId, out var signal))
            {
                _trained[trialId] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return signal;
        }
    }
}
