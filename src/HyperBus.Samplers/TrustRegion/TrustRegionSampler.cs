using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Random;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.TrustRegion;

/// <summary>Trust-region Bayesian optimisation (TuRBO-1): a local GP and log EI inside a box around the run's best point that doubles after successes, halves after failures and restarts when it collapses.</summary>
/// <remarks>
/// A global GP spreads its few points over a space that grows exponentially with the dimension and ends up
/// exploring corners; a region around the incumbent keeps the model local, where it is accurate. The box
/// is stretched along the GP's long lengthscales; candidates change only about 20 coordinates of the
/// centre at a time (TuRBO's perturbation mask), so in 50-D a step is a local move. Running trials are
/// added at the GP's predicted mean (the Kriging believer), so a batch spreads out.
/// </remarks>
public sealed class TrustRegionSampler : ISampler
{
    private const int RefitEveryTrialUntil = 20;
    private readonly TrustRegionOptions _options;
    private readonly SobolSampler _startup;
    private readonly KernelFitCache _fits = new();

    public TrustRegionSampler(TrustRegionOptions options)
    {
        _options = options;
        _startup = new SobolSampler(new SobolSamplerOptions(options.Seed));
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var encoding = new GpEncoding(study.Space);
        var d = encoding.Dimensions;
        var startup = _options.NStartupTrials > 0 ? _options.NStartupTrials : Math.Min(Math.Max(10, d), 30);
        var failureTolerance = _options.FailureTolerance > 0 ? _options.FailureTolerance : Math.Clamp(d / 2, 4, 10);
        var completed = study.Completed.Where(t => double.IsFinite(t.Value!.Value)).ToList();
        var state = TrustRegionState.Replay([.. completed.Select(t => study.ToLoss(t.Value!.Value))], _options, startup, failureTolerance);
        var run = completed.Skip(state.RunStart).ToList();
        if (run.Count < startup)
        {
            // Each run opens with a space-filling design: the first from Sobol', a fresh restart uniformly.
            return state.RunStart == 0
                ? _startup.Suggest(study, count)
                : [.. Enumerable.Range(study.NextTrialNumber, count).Select(n => RandomSampler.SampleOne(study.Space, TrialRandom.For(_options.Seed, n, 3)))];
        }

        var data = GpTrainingData.From(study, run, encoding, _options.MaxObservations);
        var prefix = run.Take(GpFitSchedule.RefitPoint(run.Count, RefitEveryTrialUntil)).ToList();
        var parameters = _fits.GetOrFit(prefix, () =>
        {
            var fitData = GpTrainingData.From(study, prefix, encoding, _options.MaxObservations);
            var fit = fitData.Subset(_options.FitObservations);
            return KernelFit.Fit(
                [.. fit.Select(i => fitData.X[i])], [.. fit.Select(i => fitData.Y[i])], encoding.Categorical, TrialRandom.For(_options.Seed, prefix[^1].Number + 1, 1), 1, 25);
        });

        var (x, y) = (data.X, data.Y);
        var model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
        var bestIndex = y.IndexOf(y.Min());
        var bestLoss = y[bestIndex];
        if (_options.PosteriorCenter && parameters.Noise >= GpSampler.NoisyFit)
        {
            var means = x.Select(p => model.Predict(p).Mean).ToList();
            bestLoss = means.Min();
            bestIndex = means.IndexOf(bestLoss);
        }

        var center = x[bestIndex];
        var region = TrustRegionBox.Around(center, parameters, encoding, state.Length);
        var observed = x.Count;
        foreach (var t in study.Running)
        {
            var point = encoding.Encode(t.Params);
            x.Add(point);
            y.Add(model.Predict(point).Mean);
        }

        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            if (x.Count > observed)
            {
                model = GaussianProcessModel.Fit([.. x], [.. y], parameters, encoding.Categorical);
            }

            var random = TrialRandom.For(_options.Seed, study.NextTrialNumber + i, 2);
            var point = region.BestCandidate(model, bestLoss, _options.Candidates, random);
            var config = encoding.Decode(point);
            result.Add(config);
            var encoded = encoding.Encode(config);
            x.Add(encoded);
            y.Add(model.Predict(encoded).Mean);
        }

        return result;
    }
}
