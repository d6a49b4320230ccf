using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class LightGbmTrainerTests
{
    private static readonly object Wine = new { dataset = "wine", folds = 5 };
    private static readonly object GoodParams = new { learningRate = 0.1, numberOfLeaves = 4, minimumExampleCountPerLeaf = 20, numberOfIterations = 300 };

    [Fact]
    public async Task Good_parameters_reach_95_percent_cross_validated_accuracy_on_wine()
    {
        var result = await Trials.RunAsync(new LightGbmTrainer(), GoodParams, Wine);

        Assert.InRange(result.Value, 0.95, 1.0);
        var metrics = Assert.IsAssignableFrom<IReadOnlyDictionary<string, double>>(result.Metrics);
        Assert.Equal(result.Value, metrics["accuracy"]);
        Assert.Equal(5, metrics["folds"]);
        var folds = Enumerable.Range(1, 5).Select(i => metrics[$"accuracy_fold_{i}"]).ToList();
        Assert.Equal(result.Value, folds.Average(), 12);
        Assert.InRange(metrics["accuracy_std"], 0.0, 0.1);
        Assert.InRange(metrics["log_loss"], 0.0, 1.0);
    }

    [Fact]
    public async Task Defaults_alone_score_plausibly_on_iris()
    {
        var result = await Trials.RunAsync(new LightGbmTrainer(), new { }, new { dataset = "iris" });

        Assert.InRange(result.Value, 0.9, 1.0);
    }

    [Fact]
    public async Task The_same_parameters_give_the_same_score()
    {
        var first = await Trials.RunAsync(new LightGbmTrainer(), GoodParams, Wine);
        var second = await Trials.RunAsync(new LightGbmTrainer(), GoodParams, Wine);

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Metrics, second.Metrics);
    }

    [Fact]
    public async Task A_budget_sets_the_number_of_boosting_rounds()
    {
        var sampled = new { learningRate = 0.05, numberOfIterations = 300 };
        var trainer = new LightGbmTrainer();

        var budgeted = await trainer.TrainAsync(Trials.Context(sampled, Wine, new TrialBudget("rounds", 3)), default);
        var threeRounds = await Trials.RunAsync(trainer, new { learningRate = 0.05, numberOfIterations = 3 }, Wine);
        var full = await Trials.RunAsync(trainer, sampled, Wine);

        Assert.Equal(threeRounds.Metrics, budgeted.Metrics);
        Assert.NotEqual(full.Metrics!["log_loss"], budgeted.Metrics!["log_loss"]);
    }

    [Theory]
    [InlineData("learningRate", -0.1, "parameter 'learningRate' must be > 0 and <= 1, not -0.1")]
    [InlineData("numberOfLeaves", 1, "parameter 'numberOfLeaves' must be >= 2 and <= 131072, not 1")]
    [InlineData("minimumExampleCountPerLeaf", 0, "parameter 'minimumExampleCountPerLeaf' must be >= 1, not 0")]
    [InlineData("numberOfIterations", 0, "parameter 'numberOfIterations' must be >= 1 and <= 100000, not 0")]
    [InlineData("l2Regularization", -1, "parameter 'l2Regularization' must be >= 0, not -1")]
    [InlineData("numberOfLeaves", 2.5, "parameter 'numberOfLeaves' must be an integer, not 2.5")]
    public async Task A_bad_parameter_fails_the_trial_and_names_it(string name, double value, string message)
    {
        var sampled = new Dictionary<string, double> { [name] = value };

        var e = await Assert.ThrowsAsync<TrialFailedException>(() => Trials.RunAsync(new LightGbmTrainer(), sampled, Wine));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task A_budget_that_is_not_a_number_of_rounds_fails_the_trial()
    {
        var context = Trials.Context(new { }, Wine, new TrialBudget("rounds", 0.2));

        var e = await Assert.ThrowsAsync<TrialFailedException>(() => new LightGbmTrainer().TrainAsync(context, default));

        Assert.Contains("budget rounds=0.2", e.Message, StringComparison.Ordinal);
    }
}
