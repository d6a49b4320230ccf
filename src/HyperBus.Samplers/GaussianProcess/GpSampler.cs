using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Gaussian-process Bayesian optimisation (in the spirit of Optuna's GPSampler): Matérn 5/2 ARD GP on Box-Cox-warped, standardised losses, log EI acquisition.</summary>
/// <remarks>
/// Running trials and the earlier points of a batch are added with a "constant liar" loss (the average) and
/// pruned ones with the worst loss, so parallel suggestions avoid points already being tried. All randomness
/// comes from (seed, trial number), so the same history gives the same suggestion.
/// </remarks>
public sealed class GpSampler : ISampler
{
    private readonly GpSamplerOptions _options;
    private readonly SobolSampler _startup;
    /// <summary>
    /// Above this fitted noise variance (standardised units), EI improves on the lowest posterior mean at an
    /// observed point ("plug-in" EI) instead of the smallest observation, which under noise is mostly a lucky draw.
    /// </summary>
    private const double NoisyFit = 0.01;
    private readonly KernelFitCache _fits = new();

    public GpSampler(GpSamplerOptions options)
    {
        _options = options;
        _startup = new SobolSampler(new SobolSamplerOptions(options.Seed));
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var completed = study.Completed.Where(t => double.IsFinite(t.Value!.Value)).ToList();
        if (completed.Count < Math.Max(1, _options.NStartupTrials))
        {
            return _startup.Suggest(study, count);
        }

        var encoding = new GpEncoding(study.Space);
        var data = GpTrainingData.From(study, completed, encoding, _options.MaxObservations);
        var x = data.X;
        var y = data.Y;
        var first = study.NextTrialNumber;
        var parameters = FitKernel(study, completed, encoding);
        var model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
        var bestLoss = parameters.Noise < NoisyFit ? y.Min() : x.Min(point => model.Predict(point).Mean);
        var incumbents = y.Select((v, i) => (v, i)).OrderBy(t => t.v).Take(5).Select(t => x[t.i]).ToList();

        // Lies: running trials at the average loss (a constant liar), pruned ones at the worst value seen.
        var worst = y.Max();
        var observed = x.Count;
        foreach (var t in study.Trials.Where(t => t.State is TrialState.Running or TrialState.Pruned))
        {
            var point = encoding.Encode(t.Params);
            x.Add(point);
            y.Add(t.State == TrialState.Running ? 0 : worst);
        }

        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            if (x.Count > observed)
            {
                model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
            }

            var optimizer = new AcquisitionOptimizer(model, encoding, bestLoss);
            var point = optimizer.Maximise(TrialRandom.For(_options.Seed, first + i, 2), _options.Candidates, _options.LocalSearches, incumbents);
            var config = encoding.Decode(point);
            result.Add(config);
            // The next point of the batch sees this one at the average loss. The Kriging believer (the
            // posterior mean there) was measured too and lost more (bench/RESULTS.md, "Batch suggestions"):
            // believed-good points keep the rest of the batch next to them.
            x.Add(encoding.Encode(config));
            y.Add(0);
        }

        return result;
    }

    /// <summary>Kernel hyperparameters fitted on the first <see cref="GpFitSchedule.RefitPoint"/> completed trials (cached until the schedule moves on).</summary>
    internal KernelParameters FitKernel(StudyView study, List<Trial> completed, GpEncoding encoding)
    {
        var prefix = completed.Take(GpFitSchedule.RefitPoint(completed.Count)).ToList();
        return _fits.GetOrFit(prefix, () =>
        {
            // Hyperparameters come from at most FitObservations trials (the best half and the most recent
            // half): the likelihood costs n³ per evaluation, and a subset pins lengthscales down well enough.
            var data = GpTrainingData.From(study, prefix, encoding, _options.MaxObservations);
            var fit = data.Subset(_options.FitObservations);
            return KernelFit.Fit(
                [.. fit.Select(i => data.X[i])], [.. fit.Select(i => data.Y[i])], encoding.Categorical, TrialRandom.For(_options.Seed, prefix[^1].Number + 1, 1), _options.Restarts, 25);
        });
    }
}
