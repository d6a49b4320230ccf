using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Diagnostics;
using HyperBus.Trainer.Sdk.Hosting;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBus.Trainers.Tests.Sdk;

/// <summary>
/// A request whose deadline or timeout no timer can hold (years away, negative, zero) is answered with a
/// TrialFailed naming the field; before, the consumer threw and the request was parked with no answer.
/// </summary>
public sealed class When_a_request_has_an_unholdable_deadline
{
    public static TheoryData<string, double?, double> Requests() => new()
    {
        { "a deadline a century away", null, 100 * 365.0 },
        { "a timeout of a trillion seconds", 1e12, 1 },
        { "a negative timeout", -5, 1 },
        { "a timeout of zero", 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Should_answer_TrialFailed_instead_of_parking_it(string because, double? timeoutSeconds, double deadlineDays)
    {
        await using var provider = new ServiceCollection()
            .AddTrainerWorker()
            .AddTrainer<NoopTrainer>("noop")
            .AddMassTransitTestHarness(x => x.AddConsumer<TrialRequestedConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var request = new TrialRequested(
            Guid.NewGuid(), Guid.NewGuid(), 0, 1, "noop", "value", new Dictionary<string, System.Text.Json.JsonElement>(), new Dictionary<string, System.Text.Json.JsonElement>(),
            null, null, DateTimeOffset.UtcNow.AddDays(deadlineDays), timeoutSeconds);

        await harness.Bus.Publish(request);

        Assert.True(await harness.Published.Any<TrialFailed>(m => m.Context.Message.TrialId == request.TrialId), $"{because}: no TrialFailed");
        var failed = harness.Published.Select<TrialFailed>().Single().Context.Message;
        Assert.False(failed.Retryable, because);
        Assert.Matches("deadline|timeoutSeconds", failed.Error);
        Assert.False(await harness.Consumed.Any<TrialRequested>(m => m.Exception is not null), $"{because}: the consumer threw");
    }
}
