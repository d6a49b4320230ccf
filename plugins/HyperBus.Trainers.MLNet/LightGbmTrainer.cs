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

    /// <summary>
    /// With a budget of R rounds: R/16, R/8, R/4, R/2 and R rounds (rounded up, distinct). ML.NET cannot resume
    /// boosting, so each stage trains afresh; a trial that runs to the end costs under 2R rounds, one
    /// stopped at the first stage R/16.
    /// </summary>
    protected override IReadOnlyList<int> Stages(TrialContext context)
    {
        if (context.Budget is null)
        {
            return [];
        }

        var rounds = Rounds(context, 0);
        return [.. new[] { 16, 8, 4, 2, 1 }.Select(d => (int)Math.Ceiling(rounds / (double)d)).Distinct()];
    }

    protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings, int stage) =>
        CreateEstimator(ml, context, settings, (int?)stage);

    protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings) =>
        CreateEstimator(ml, context, settings, null);

    private static IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings, int? rounds)
    {
        var p = context.Params;

        // Unset parameters keep ML.NET's defaults.
        var booster = new GradientBooster.Options();
        booster.L1Regularization = p.GetDouble("l1Regularization", booster.L1Regularization, 0);
        booster.L2Regularization = p.GetDouble("l2Regularization", booster.L2Regularization, 0);
        booster.FeatureFraction = p.GetDouble("featureFraction", booster.FeatureFraction, 0, 1, exclusiveMinimum: true);
        booster.MinimumChildWeight = p.GetDouble("minimumChildWeight", booster.MinimumChildWeight, 0);
        booster.SubsampleFraction = p.GetDouble("subsampleFraction", booster.SubsampleFraction, 0, 1, exclusiveMinimum: true);
        if (booster.SubsampleFraction < 1 && booster.SubsampleFrequency == 0)
        {
            // LightGBM ignores the fraction unless bagging runs every k rounds.
            booster.SubsampleFrequency = 1;
        }

        // Learning rate, leaves and leaf size left null are picked by ML.NET from the row count.
        var options = new LightGbmMulticlassTrainer.Options
        {
            Booster = booster,
            Seed = settings.Seed,
            Deterministic = true,
            NumberOfThreads = settings.Threads,
            LearningRate = p.GetDoubleOrNull("learningRate", 0, 1, exclusiveMinimum: true),
            NumberOfLeaves = p.GetIntOrNull("numberOfLeaves", 2, 131072),
            MinimumExampleCountPerLeaf = p.GetIntOrNull("minimumExampleCountPerLeaf", 1),
        };
        options.NumberOfIterations = rounds ?? Rounds(context, options.NumberOfIterations);
        options.MaximumBinCountPerFeature = p.GetInt("maximumBinCountPerFeature", options.MaximumBinCountPerFeature, 2);
        return ml.MulticlassClassification.Trainers.LightGbm(options);
    }

    /// <summary>Boosting rounds: the budget when the scheduler gives one, else <c>numberOfIterations</c>.</summary>
    private static int Rounds(TrialContext context, int fallback)
    {
        if (context.Budget is { } budget)
        {
            return budget.Amount >= 1 && budget.Amount <= 100_000
                ? (int)Math.Round(budget.Amount, MidpointRounding.AwayFromZero)
                : throw new TrialFailedException($"budget {budget.Name}={budget.Amount} is not a number of boosting rounds between 1 and 100000");
        }

        return context.Params.GetInt("numberOfIterations", fallback, 1, 100_000);
    }
}
