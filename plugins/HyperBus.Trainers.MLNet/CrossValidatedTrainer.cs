using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using Microsoft.ML;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// Scores an ML.NET multiclass pipeline by k-fold cross-validated accuracy on a named dataset. The folds
/// are those of <c>MulticlassClassification.CrossValidate</c> (same split, same seed); they run one at a
/// time so the trial reports the running mean after each fold and stops between folds when asked.
/// </summary>
public abstract class CrossValidatedTrainer : ITrainer
{
    private readonly DatasetCatalog _datasets;

    protected CrossValidatedTrainer(DatasetCatalog datasets)
    {
        _datasets = datasets;
    }

    public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var settings = CrossValidationSettings.Read(context.Params, _datasets);
        var ml = new MLContext(settings.Seed);
        var estimator = CreateEstimator(ml, context, settings);
        var data = _datasets.Load(ml, settings.Dataset);
        var score = new CrossValidatedAccuracy();

        // ML.NET offers no public way to interrupt a Fit, so a stop takes effect between folds.
        var folds = ml.Data.CrossValidationSplit(data, settings.Folds, seed: settings.Seed);
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = estimator.Fit(fold.TrainSet);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(fold.TestSet));
            score.Add(metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss);

            var action = await context.ReportAsync(score.Accuracies.Count, score.Mean, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (action == TrialAction.Stop)
            {
                break;
            }
        }

        return score.ToResult();
    }

    /// <summary>
    /// The pipeline from <c>Features</c> (float vector) and <c>Label</c> (key) to a multiclass prediction,
    /// configured from <see cref="TrialContext.Params"/>. Throw <see cref="TrialFailedException"/> for a bad value.
    /// </summary>
    protected abstract IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings);
}
