using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class FastTreeTrainerTests
{
    // Few trees keep the one-versus-all ensembles (one per class and fold) quick.
    private static readonly object Params = new { numberOfLeaves = 8, numberOfTrees = 20, minimumExampleCountPerLeaf = 5, learningRate = 0.2 };

    [Theory]
    [InlineData("iris", 0.9)]
    [InlineData("wine", 0.9)]
    public async Task Scores_a_plausible_cross_validated_accuracy(string dataset, double atLeast)
    {
        var result = await Trials.RunAsync(new FastTreeTrainer(), Params, new { dataset });

        Assert.InRange(result.Value, atLeast, 1.0);
        Assert.Equal(5, result.Metrics!["folds"]);
    }

    [Fact]
    public async Task The_same_parameters_give_the_same_score()
    {
        var fixedSettings = new { dataset = "iris", folds = 3, seed = 7 };

        var first = await Trials.RunAsync(new FastTreeTrainer(), Params, fixedSettings);
        var second = await Trials.RunAsync(new FastTreeTrainer(), Params, fixedSettings);

        Assert.Equal(first.Metrics, second.Metrics);
    }

    [Fact]
    public async Task A_bad_parameter_fails_the_trial_and_names_it()
    {
        var e = await Assert.ThrowsAsync<TrialFailedException>(() =>
            Trials.RunAsync(new FastTreeTrainer(), new { numberOfTrees = 0 }, new { dataset = "iris" }));

        Assert.Equal("parameter 'numberOfTrees' must be >= 1 and <= 100000, not 0", e.Message);
    }
}
