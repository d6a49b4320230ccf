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
        var binary = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfLeaves = p.GetInt("numberOfLeaves", 20, 2, 131072),
            NumberOfTrees = p.GetInt("numberOfTrees", 100, 1, 100_000),
            MinimumExampleCountPerLeaf = p.GetInt("minimumExampleCountPerLeaf", 10, 1),
            LearningRate = p.GetDouble("learningRate", 0.2, 0, 1, exclusiveMinimum: true),
            FeatureFraction = p.GetDouble("featureFraction", 1, 0, 1, exclusiveMinimum: true),
            Seed = settings.Seed,
            FeatureSelectionSeed = settings.Seed,
            NumberOfThreads = settings.Threads,
        });
        return ml.MulticlassClassification.Trainers.OneVersusAll(binary);
    }
}
