using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// Multiclass LightGBM (gradient-boosted trees, softmax). Tunable: learningRate, numberOfLeaves,
/// minimumExampleCountPerLeaf, numberOfIterations (or the trial's budget), l1Regularization,
/// l2Regularization, featureFraction, subsampleFraction, minimumChildWeight, maximumBinCountPerFeature.
/// </summary>
public sealed class LightGbmTrainer : CrossValidatedTrainer
{
    public const string Kind = "mlnet-lightgbm";

    public LightGbmTrainer()
        : this(new DatasetCatalog())
    {
    }

    public LightGbmTrainer(DatasetCatalog datasets)
        : base(datasets)
    {
    }

    protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings)
    {
        var p = context.Params;
        var subsampleFraction = p.GetDouble("subsampleFraction", 1, 0, 1, exclusiveMinimum: true);
        var booster = new GradientBooster.Options
        {
            L1Regularization = p.GetDouble("l1Regularization", 0, 0),
            L2Regularization = p.GetDouble("l2Regularization", 0.01, 0),
            FeatureFraction = p.GetDouble("featureFraction", 1, 0, 1, exclusiveMinimum: true),
            SubsampleFraction = subsampleFraction,

            // LightGBM ignores the fraction unless bagging runs every k rounds.
            SubsampleFrequency = subsampleFraction < 1 ? 1 : 0,
            MinimumChildWeight = p.GetDouble("minimumChildWeight", 0.1, 0),
        };

        // Without a value ML.NET picks learning rate, leaves and leaf size from the row count.
        return ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LearningRate = p.GetDoubleOrNull("learningRate", 0, 1, exclusiveMinimum: true),
            NumberOfLeaves = p.GetIntOrNull("numberOfLeaves", 2, 131072),
            MinimumExampleCountPerLeaf = p.GetIntOrNull("minimumExampleCountPerLeaf", 1),
            NumberOfIterations = Rounds(context),
            MaximumBinCountPerFeature = p.GetInt("maximumBinCountPerFeature", 255, 2),
            Booster = booster,
            Seed = settings.Seed,
            Deterministic = true,
            NumberOfThreads = settings.Threads,
        });
    }

    /// <summary>Boosting rounds: the budget when the scheduler gives one, else <c>numberOfIterations</c>.</summary>
    private static int Rounds(TrialContext context)
    {
        if (context.Budget is { } budget)
        {
            return budget.Amount >= 1 && budget.Amount <= 100_000
                ? (int)Math.Round(budget.Amount, MidpointRounding.AwayFromZero)
                : throw new TrialFailedException($"budget {budget.Name}={budget.Amount} is not a number of boosting rounds between 1 and 100000");
        }

        return context.Params.GetInt("numberOfIterations", 100, 1, 100_000);
    }
}
