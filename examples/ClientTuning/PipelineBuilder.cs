using HyperBus;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace ClientTuning;

/// <summary>
/// A Keras Tuner style model builder: it declares its hyperparameters while it builds the ML.NET pipeline,
/// so the search space is whatever the code asks for; the SDCA branch never sees LightGbm's parameters.
/// </summary>
public static class PipelineBuilder
{
    public static IEstimator<ITransformer> Build(MLContext ml, RunningTrial hp)
    {
        var trainer = hp.SuggestCategorical("trainer", ["lightgbm", "sdca"]);
        if (trainer == "lightgbm")
        {
            var options = new LightGbmMulticlassTrainer.Options
            {
                NumberOfLeaves = hp.SuggestInt("numberOfLeaves", 4, 64, log: true),
                LearningRate = hp.SuggestFloat("learningRate", 0.01, 0.5, log: true),
                NumberOfIterations = hp.SuggestInt("numberOfIterations", 20, 300, step: 20),
                MinimumExampleCountPerLeaf = hp.SuggestInt("minExamplesPerLeaf", 2, 30),
                Seed = 0,
                NumberOfThreads = 1,
            };
            return ml.MulticlassClassification.Trainers.LightGbm(options);
        }

        var normalize = hp.SuggestCategorical("normalizer", ["minmax", "meanvariance"]);
        IEstimator<ITransformer> scale = normalize == "minmax"
            ? ml.Transforms.NormalizeMinMax("Features")
            : ml.Transforms.NormalizeMeanVariance("Features");
        var sdca = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = (float)hp.SuggestFloat("l2", 1e-6, 1, log: true),
            L1Regularization = (float)hp.SuggestFloat("l1", 1e-6, 1, log: true),
            MaximumNumberOfIterations = 100,
            NumberOfThreads = 1,
        };
        return scale.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(sdca));
    }
}
