using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// Multinomial logistic regression trained by SDCA (<c>SdcaMaximumEntropy</c>) on min-max normalised
/// features. Tunable: l2Regularization, l1Regularization, maximumNumberOfIterations, convergenceTolerance.
/// </summary>
public sealed class SdcaTrainer : CrossValidatedTrainer
{
    public const string Kind = "mlnet-sdca";

    public SdcaTrainer()
        : this(new DatasetCatalog())
    {
    }

    public SdcaTrainer(DatasetCatalog datasets)
        : base(datasets)
    {
    }

    protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings)
    {
        var p = context.Params;

        // Unset values stay null: SDCA then derives them from the data, as ML.NET does by default.
        var sdca = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = (float?)p.GetDoubleOrNull("l2Regularization", 0, exclusiveMinimum: true),
            L1Regularization = (float?)p.GetDoubleOrNull("l1Regularization", 0),
            MaximumNumberOfIterations = p.GetIntOrNull("maximumNumberOfIterations", 1, 100_000),
            ConvergenceTolerance = (float)p.GetDouble("convergenceTolerance", 0.1, 0, 1, exclusiveMinimum: true),

            // SDCA is reproducible only on one thread.
            NumberOfThreads = 1,
        });
        return ml.Transforms.NormalizeMinMax("Features")
            .AppendCacheCheckpoint(ml)
            .Append(sdca);
    }
}
