using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Gaussian-process Bayesian optimisation (in the spirit of Optuna's GPSampler): Matérn 5/2 ARD GP on Box-Cox-warped, standardised losses, log EI acquisition.</summary>
/// <remarks>
/// Running trials are added with a "constant liar" loss (the mean) and pruned ones with the worst loss, so
/// parallel suggestions and suggestions within one batch avoid points already being tried. All randomness
/// comes from (seed, trial number), so the same history gives the same suggestion.
/// </remarks>
public sealed class GpSampler : ISampler
{
    private readonly GpSamplerOptions _options;
    private readonly SobolSampler _startup;
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
        var bestLoss = ReferenceLoss(x, y, parameters, encoding);
        var incumbents = y.Select((v, i) => (v, i)).OrderBy(t => t.v).Take(5).Select(t => x[t.i]).ToList();

        // Lies: running trials at the mean, pruned ones at the worst value seen.
        var worst = y.Max();
        foreach (var t in study.Trials.Where(t => t.State is TrialState.Running or TrialState.Pruned))
        {
            x.Add(encoding.Encode(t.Params));
            y.Add(t.State == TrialState.Running ? 0 : worst);
        }

        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            var model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
            var optimizer = new AcquisitionOptimizer(model, encoding, bestLoss);
            var point = optimizer.Maximise(TrialRandom.For(_options.Seed, first + i, 2), _options.Candidates, _options.LocalSearches, incumbents);
            var config = encoding.Decode(point);
            result.Add(config);
            x.Add(encoding.Encode(config));
            y.Add(0);
        }

        return result;
    }

    /// <summary>EI's reference: the best observed loss, or, when the fit finds real noise, the lowest posterior mean at an observed point.</summary>
    /// <remarks>
    /// With noise the smallest observation is mostly a lucky draw; improving on it sends EI after noise.
    /// The posterior mean ("plug-in" EI) is the GP's own estimate of the best trial's true loss. Below a
    /// noise variance of <see cref="NoisyFit"/> (standardised units) the two are the same within the fit.
    /// </remarks>
    private static double ReferenceLoss(List<double[]> x, List<double> y, KernelParameters parameters, GpEncoding encoding)
    {
        if (parameters.Noise < NoisyFit)
        {
            return y.Min();
        }

        var model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
        return x.Min(point => model.Predict(point).Mean);
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
