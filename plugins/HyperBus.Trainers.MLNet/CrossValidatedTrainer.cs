using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using Microsoft.ML;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// Scores an ML.NET multiclass pipeline by k-fold cross-validated accuracy on a named dataset. The folds
/// are those of <c>MulticlassClassification.CrossValidate</c> (same split, same seed); they run one at a
/// time so the trial reports the running mean after each fold and stops between folds when asked.
/// A trainer with <see cref="Stages"/> (LightGbm under a budget) reports once per stage instead.
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
        var stages = Stages(context);
        var data = HoldoutRows.Remove(ml, _datasets.Load(ml, settings.Dataset), context.Params);
        var folds = ml.Data.CrossValidationSplit(data, settings.Folds, seed: settings.Seed);
        if (stages.Count > 0)
        {
            return await TrainInStagesAsync(ml, context, settings, folds, stages, cancellationToken).ConfigureAwait(false);
        }

        var estimator = CreateEstimator(ml, context, settings);
        var score = new CrossValidatedAccuracy();

        // ML.NET offers no public way to interrupt a Fit, so a stop takes effect between folds.
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

        return ModelArtifact.Save(ml, score.ToResult(), estimator, data, context);
    }

    /// <summary>
    /// The sizes (e.g. boosting rounds, ascending, the last one the budget) at which a budgeted trial is
    /// scored and reported with step = size, so schedulers compare trials by resource spent; empty for
    /// one pass that reports after each fold.
    /// </summary>
    protected virtual IReadOnlyList<int> Stages(TrialContext context) => [];

    /// <summary>The pipeline of one stage; by default the stage is ignored.</summary>
    protected virtual IEstimator<ITransformer> CreateEstimator(MLContext ml, TrialContext context, CrossValidationSettings settings, int stage) =>
        CreateEstimator(ml, context, settings);

    private async Task<TrialResult> TrainInStagesAsync(
        MLContext ml, TrialContext context, CrossValidationSettings settings, IReadOnlyList<DataOperationsCatalog.TrainTestData> folds, IReadOnlyList<int> stages, CancellationToken cancellationToken)
    {
        var score = new CrossValidatedAccuracy();
        foreach (var stage in stages)
        {
            // Each stage is cross-validated on the same folds; a stop between stages saves the larger ones.
            var estimator = CreateEstimator(ml, context, settings, stage);
            score = new CrossValidatedAccuracy();
            foreach (var fold in folds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var metrics = ml.MulticlassClassification.Evaluate(estimator.Fit(fold.TrainSet).Transform(fold.TestSet));
                score.Add(metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss);
            }

            var action = await context.ReportAsync(stage, score.Mean, cancellationToken: cancellationToken).ConfigureAwait(false);
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
