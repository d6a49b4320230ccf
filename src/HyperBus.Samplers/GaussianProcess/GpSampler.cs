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

        if (completed.Count > _options.MaxObservations)
        {
            var half = _options.MaxObservations / 2;
            var best = completed.OrderBy(t => study.ToLoss(t.Value!.Value)).Take(half);
            completed = [.. best.Union(completed.TakeLast(_options.MaxObservations - half)).OrderBy(t => t.Number)];
        }

        var encoding = new GpEncoding(study.Space);
        var x = completed.Select(t => encoding.Encode(t.Params)).ToList();
        var losses = LossWarping.Apply([.. completed.Select(t => study.ToLoss(t.Value!.Value))]);
        var mean = losses.Average();
        var std = Math.Sqrt(losses.Sum(v => (v - mean) * (v - mean)) / losses.Length);
        std = std > 1e-12 ? std : 1;
        var y = losses.Select(v => (v - mean) / std).ToList();
        var first = study.NextTrialNumber;
        // Hyperparameters come from at most FitObservations trials (the best half and the most recent
        // half): the likelihood costs n³ per evaluation, and a subset pins lengthscales down well enough.
        var fitIndices = FitSubset(y, _options.FitObservations);
        var parameters = KernelFit.Fit(
            [.. fitIndices.Select(i => x[i])], [.. fitIndices.Select(i => y[i])], encoding.Categorical, TrialRandom.For(_options.Seed, first, 1), _options.Restarts, 25);
        var bestLoss = y.Min();
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

    private static List<int> FitSubset(List<double> y, int size)
    {
        if (y.Count <= size)
        {
            return [.. Enumerable.Range(0, y.Count)];
        }

        var best = Enumerable.Range(0, y.Count).OrderBy(i => y[i]).Take(size / 2);
        var recent = Enumerable.Range(y.Count - (size - (size / 2)), size - (size / 2));
        var chosen = best.Union(recent).Order().ToList();
        return chosen;
    }
}
