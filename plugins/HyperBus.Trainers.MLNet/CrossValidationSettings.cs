using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// The spec's fixed settings every ML.NET trainer shares: which dataset, how many folds, the seed
/// (of the fold split and of the learner) and how many threads a learner may use.
/// </summary>
public sealed record CrossValidationSettings(string Dataset, int Folds, int Seed, int Threads)
{
    public const int DefaultFolds = 5;

    public static CrossValidationSettings Read(TrialParameters parameters, DatasetCatalog datasets)
    {
        if (!parameters.Contains("dataset"))
        {
            throw new TrialFailedException($"parameter 'dataset' is missing; set it in the spec's fixed block to one of: {string.Join(", ", datasets.Names)}");
        }

        // One thread by default: the datasets are small, and a worker already runs trials side by side.
        return new CrossValidationSettings(
            parameters.GetString("dataset"),
            parameters.GetInt("folds", DefaultFolds, minimum: 2, maximum: 100),
            parameters.GetInt("seed", 0, minimum: 0),
            parameters.GetInt("threads", 1, minimum: 1, maximum: 256));
    }
}
