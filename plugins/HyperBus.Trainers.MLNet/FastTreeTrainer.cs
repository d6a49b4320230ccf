using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// FastTree (MART gradient-boosted trees), one binary model per class (one-versus-all). Tunable:
/// numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf, learningRate, featureFraction.
/// </summary>
public sealed class FastTreeTrainer : CrossValidatedTrainer
{
    public const string Kind = "mlnet-fasttree";

    public FastTreeTrainer()
        : this(new DatasetCatalog())
    {
    }

    public FastTreeTrainer(DatasetCatalog datasets)
        : base(datasets)
    {
    }

    protected override IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings)
    {
        var p = context.Params;

        // Unset parameters keep ML.NET's defaults.
        var options = new FastTreeBinaryTrainer.Options();
        options.NumberOfLeaves = p.GetInt("numberOfLeaves", options.NumberOfLeaves, 2, 131072);
        options.NumberOfTrees = p.GetInt("numberOfTrees", options.NumberOfTrees, 1, 100_000);
        options.MinimumExampleCountPerLeaf = p.GetInt("minimumExampleCountPerLeaf", options.MinimumExampleCountPerLeaf, 1);
        options.LearningRate = p.GetDouble("learningRate", options.LearningRate, 0, 1, exclusiveMinimum: true);
        options.FeatureFraction = p.GetDouble("featureFraction", options.FeatureFraction, 0, 1, exclusiveMinimum: true);
        options.Seed = settings.Seed;
        options.FeatureSelectionSeed = settings.Seed;
        options.NumberOfThreads = settings.Threads;
        var binary = ml.BinaryClassification.Trainers.FastTree(options);
        return ml.MulticlassClassification.Trainers.OneVersusAll(binary);
    }
}
