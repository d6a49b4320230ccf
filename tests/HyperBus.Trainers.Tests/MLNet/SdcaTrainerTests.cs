using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class SdcaTrainerTests
{
    [Theory]
    [InlineData("iris", 0.9)]
    [InlineData("wine", 0.95)]
    public async Task Scores_a_plausible_cross_validated_accuracy(string dataset, double atLeast)
    {
        var result = await Trials.RunAsync(new SdcaTrainer(), new { l2Regularization = 0.001, maximumNumberOfIterations = 100 }, new { dataset });

        Assert.InRange(result.Value, atLeast, 1.0);
    }

    [Fact]
    public async Task Defaults_alone_score_plausibly_on_wine()
    {
        var result = await Trials.RunAsync(new SdcaTrainer(), new { }, new { dataset = "wine" });

        Assert.InRange(result.Value, 0.9, 1.0);
    }

    [Fact]
    public async Task The_same_parameters_give_the_same_score()
    {
        var sampled = new { l2Regularization = 0.01, l1Regularization = 0.001, maximumNumberOfIterations = 50 };

        var first = await Trials.RunAsync(new SdcaTrainer(), sampled, new { dataset = "wine" });
        var second = await Trials.RunAsync(new SdcaTrainer(), sampled, new { dataset = "wine" });

        Assert.Equal(first.Metrics, second.Metrics);
    }

    [Fact]
    public async Task A_bad_parameter_fails_the_trial_and_names_it()
    {
        var e = await Assert.ThrowsAsync<TrialFailedException>(() =>
            Trials.RunAsync(new SdcaTrainer(), new { l2Regularization = 0.0 }, new { dataset = "iris" }));

        Assert.Equal("parameter 'l2Regularization' must be > 0, not 0", e.Message);
    }
}
