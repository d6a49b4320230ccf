using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Gaussian-process Bayesian optimisation (in the spirit of Optuna's GPSampler): Matérn 5/2 ARD GP on Box-Cox-warped, standardised losses, log EI acquisition.</summary>
/// <remarks>
/// With running trials, EI is averaged over joint fantasies of the pending outcomes
/// (<see cref="FantasyExpectedImprovement"/>); the later points of a batch minimise lower confidence bounds on the GP
/// told the pending points' posterior means (<see cref="BatchConfidenceBounds"/>), so parallel suggestions account
/// for each other without the GP being told made-up losses; pruned trials enter the GP at the worst loss. All randomness
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
    internal const double NoisyFit = 0.01;

    /// <summary>Joint draws of the pending outcomes that <see cref="GpBatchAcquisition.Fantasies"/> averages EI over.</summary>
    private const int Fantasies = 16;
    private readonly KernelFitCache _fits = new();

    public GpSampler(GpSamplerOptions options)
    {
        _options = options;
        _startup = new SobolSampler(new SobolSamplerOptions(options.Seed));
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var completed = study.Completed.Where(t => double.IsFinite(t.Value!.Value)).ToList();
        var startup = Math.Max(1, _options.NStartupTrials);
        if (completed.Count < startup)
        {
            // A batch that finishes the start-up design takes only the missing Sobol' points and fills the rest
            // from the GP (over the completed ones, the running ones pending), once half the design has
            // completed: at parallelism 8 the second batch would otherwise be all Sobol' too, 16 trials of
            // design where a sequential study spends 10. One at a time this is the earlier rule exactly.
            var running = study.Trials.Count(t => t.State == TrialState.Running);
            var design = Math.Clamp(startup - completed.Count - running, 0, count);
            if (design == count || completed.Count < (startup + 1) / 2)
            {
                return _startup.Suggest(study, count);
            }

            if (design > 0)
            {
                var designed = _startup.Suggest(study, design);
                var extended = study.Trials.Concat(designed.Select((p, k) => new Trial
                {
                    Id = Guid.Empty,
                    Number = study.NextTrialNumber + k,
                    State = TrialState.Running,
                    Params = p,
                })).ToList();
                return [.. designed, .. Suggest(new StudyView(study.StudyId, study.Space, study.Direction, extended), count - design)];
            }
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

        // Pruned trials enter at the worst value seen: they were stopped for looking bad.
        var worst = y.Max();
        var observed = x.Count;
        foreach (var t in study.Trials.Where(t => t.State == TrialState.Pruned))
        {
            x.Add(encoding.Encode(t.Params));
            y.Add(worst);
        }

        var pending = study.Trials.Where(t => t.State == TrialState.Running).Select(t => encoding.Encode(t.Params)).ToList();
        if (_options.Batch == GpBatchAcquisition.ConstantLiar)
        {
            return SuggestWithConstantLiar(x, y, observed, pending, model, encoding, bestLoss, incumbents, first, count);
        }

        if (x.Count > observed)
        {
            model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
        }

        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            var optimizer = i > 0 && _options.Batch == GpBatchAcquisition.ConfidenceBounds
                ? new AcquisitionOptimizer(BatchConfidenceBounds.Believer(model, x, y, pending), encoding, bestLoss, explorationWeight: BatchConfidenceBounds.ExplorationWeight(i))
                : ExpectedImprovement(model, x, y, pending, bestLoss, encoding, first + i);
            var point = optimizer.Maximise(TrialRandom.For(_options.Seed, first + i, 2), _options.Candidates, _options.LocalSearches, incumbents);
            var config = encoding.Decode(point);
            result.Add(config);
            pending.Add(encoding.Encode(config));
        }

        return result;
    }

    /// <summary>
    /// Log EI, averaged over fantasies of the pending outcomes when there are any; with nothing pending this is
    /// plain log EI, so a sequential study asks what it always asked.
    /// </summary>
    private AcquisitionOptimizer ExpectedImprovement(GaussianProcessModel model, List<double[]> x, List<double> y, List<double[]> pending, double bestLoss, GpEncoding encoding, int number)
    {
        var fantasies = pending.Count > 0
            ? FantasyExpectedImprovement.Create(model, x, y, pending, bestLoss, Fantasies, TrialRandom.For(_options.Seed, number, 4))
            : null;
        return new AcquisitionOptimizer(model, encoding, bestLoss, fantasies);
    }

    /// <summary>
    /// The earliest batch rule, kept for comparison (<c>batch: constantLiar</c>): pending points enter the GP at the
    /// average loss. It lost badly on Rosenbrock's valley at parallelism 8
    /// (bench/RESULTS.md, "Batch suggestions"); the Kriging believer (the posterior mean there) lost more elsewhere.
    /// </summary>
    private List<ParameterSet> SuggestWithConstantLiar(
        List<double[]> x, List<double> y, int observed, List<double[]> pending, GaussianProcessModel model, GpEncoding encoding, double bestLoss, List<double[]> incumbents, int first, int count)
    {
        foreach (var point in pending)
        {
            x.Add(point);
            y.Add(0);
        }

        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            if (x.Count > observed)
            {
                model = GaussianProcessModel.Fit([.. x], [.. y], model.Parameters, encoding.Categorical);
            }

            var optimizer = new AcquisitionOptimizer(model, encoding, bestLoss);
            var point = optimizer.Maximise(TrialRandom.For(_options.Seed, first + i, 2), _options.Candidates, _options.LocalSearches, incumbents);
            var config = encoding.Decode(point);
            result.Add(config);
            x.Add(encoding.Encode(config));
            y.Add(0);
        }

        return result;
    }

    /// <summary>
    /// Whether the kernel fit the next suggestion uses finds noise (false during the start-up design, which has no fit).
    /// The fit is cached, so asking before <see cref="Suggest"/> costs nothing extra.
    /// </summary>
    internal bool FitFindsNoise(StudyView study)
    {
        var completed = study.Completed.Where(t => double.IsFinite(t.Value!.Value)).ToList();
        return completed.Count >= Math.Max(1, _options.NStartupTrials) && FitKernel(study, completed, new GpEncoding(study.Space)).Noise >= NoisyFit;
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
