using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class CrossValidatedTrainerTests
{
    private static readonly object Iris = new { dataset = "iris", folds = 5, seed = 3 };

    [Fact]
    public async Task Folds_and_scores_match_MLNet_CrossValidate()
    {
        var result = await Trials.RunAsync(new LogisticRegressionTrainer(), new { }, Iris);

        var ml = new MLContext(3);
        var expected = ml.MulticlassClassification.CrossValidate(
            new DatasetCatalog().Load(ml, "iris"), LogisticRegressionTrainer.Pipeline(ml), numberOfFolds: 5, seed: 3);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i].Metrics.MicroAccuracy, result.Metrics![$"accuracy_fold_{i + 1}"]);
        }

        Assert.Equal(expected.Average(f => f.Metrics.MicroAccuracy), result.Value, 12);
    }

    [Fact]
    public async Task Reports_the_running_mean_after_each_fold()
    {
        var reports = new List<(long Step, double Value)>();
        var context = Trials.Context(new { }, Iris, onReport: (step, value) =>
        {
            reports.Add((step, value));
            return TrialAction.Continue;
        });

        var result = await new LogisticRegressionTrainer().TrainAsync(context, default);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], reports.Select(r => r.Step));
        Assert.Equal(result.Metrics!["accuracy_fold_1"], reports[0].Value);
        Assert.Equal(result.Value, reports[^1].Value);
    }

    [Fact]
    public async Task A_stop_after_a_report_ends_the_trial_with_the_folds_so_far()
    {
        var context = Trials.Context(new { }, Iris, onReport: (step, _) => step == 2 ? TrialAction.Stop : TrialAction.Continue);

        var result = await new LogisticRegressionTrainer().TrainAsync(context, default);

        Assert.True(context.Stopped);
        Assert.Equal(2, result.Metrics!["folds"]);
        Assert.False(result.Metrics.ContainsKey("accuracy_fold_3"));
        Assert.Equal((result.Metrics["accuracy_fold_1"] + result.Metrics["accuracy_fold_2"]) / 2, result.Value, 12);
    }

    [Fact]
    public async Task Cancellation_is_honoured_between_folds()
    {
        using var cancellation = new CancellationTokenSource();
        var folds = 0;
        var context = Trials.Context(new { }, Iris, onReport: (_, _) =>
        {
            folds++;
            cancellation.Cancel();
            return TrialAction.Continue;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LogisticRegressionTrainer().TrainAsync(context, cancellation.Token));
        Assert.Equal(1, folds);
    }

    [Fact]
    public async Task Fixed_folds_and_seed_are_used()
    {
        var threeFolds = await Trials.RunAsync(new LogisticRegressionTrainer(), new { }, new { dataset = "iris", folds = 3 });
        var otherSeed = await Trials.RunAsync(new LogisticRegressionTrainer(), new { }, new { dataset = "iris", folds = 3, seed = 1 });

        Assert.Equal(3, threeFolds.Metrics!["folds"]);
        Assert.NotEqual(threeFolds.Metrics, otherSeed.Metrics);
    }

    [Fact]
    public async Task An_unknown_dataset_fails_the_trial_and_lists_the_known_ones()
    {
        var e = await Assert.ThrowsAsync<TrialFailedException>(() =>
            Trials.RunAsync(new LightGbmTrainer(), new { }, new { dataset = "mnist" }));

        Assert.Equal("unknown dataset 'mnist'; known datasets: breast_cancer, digits, iris, wine", e.Message);
    }

    [Fact]
    public async Task A_missing_dataset_fails_the_trial_and_lists_the_known_ones()
    {
        var e = await Assert.ThrowsAsync<TrialFailedException>(() =>
            Trials.RunAsync(new SdcaTrainer(), new { }, new { folds = 5 }));

        Assert.Contains("parameter 'dataset' is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("breast_cancer, digits, iris, wine", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "parameter 'folds' must be >= 2 and <= 100, not 1")]
    [InlineData(-3, "parameter 'folds' must be >= 2 and <= 100, not -3")]
    public async Task A_bad_fold_count_fails_the_trial(int folds, string message)
    {
        var e = await Assert.ThrowsAsync<TrialFailedException>(() =>
            Trials.RunAsync(new SdcaTrainer(), new { }, new { dataset = "iris", folds }));

        Assert.Equal(message, e.Message);
    }

    /// <summary>A fixed, fast pipeline, so the tests here exercise the cross-validation alone.</summary>
    private sealed class LogisticRegressionTrainer() : CrossValidatedTrainer(new DatasetCatalog())
    {
        public static IEstimator<ITransformer> Pipeline(MLContext ml) =>
            ml.Transforms.NormalizeMinMax("Features")
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    NumberOfThreads = 1,
                }));

        protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings) =>
            Pipeline(ml);
    }
}
