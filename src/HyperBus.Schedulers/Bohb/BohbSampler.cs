using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// BOHB's configuration sampler: a random configuration for a share of trials and until some budget
/// has enough observations; otherwise the best of <c>NumSamples</c> candidates, drawn from the good
/// density with widened bandwidths, by l(x)/g(x) of the largest budget's model. Each trial's draws
/// come from (seed, trial number), so a study resumed after a restart proposes the same configurations.
/// </summary>
public sealed class BohbSampler : ISampler
{
    private readonly BohbSchedulerOptions _options;

    public BohbSampler(BohbSchedulerOptions options)
    {
        _options = options;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var axes = study.Space.Parameters.Select(BohbAxis.For).ToArray();
        var model = BohbModel.Fit(study, axes, _options);
        var result = new List<ParameterSet>(count);
        for (var i = 0; i < count; i++)
        {
            var random = TrialRandom.For(_options.Seed, study.NextTrialNumber + i);
            var x = model is null || random.NextDouble() < _options.RandomFraction
                ? [.. axes.Select(a => a.Uniform(random))]
                : BestCandidate(model, random);
            result.Add(Decode(study.Space, axes, x));
        }

        return result;
    }

    /// <summary>The budget whose observations the model of the next configuration would be fitted on, or null while there is none.</summary>
    public double? ModelBudget(StudyView study) =>
        BohbModel.Fit(study, [.. study.Space.Parameters.Select(BohbAxis.For)], _options)?.Budget;

    private double[] BestCandidate(BohbModel model, Random random)
    {
        double[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var s = 0; s < Math.Max(1, _options.NumSamples); s++)
        {
            var candidate = model.Good.Sample(random, _options.BandwidthFactor);
            var score = model.Score(candidate);
            if (best is null || score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best!;
    }

    private static ParameterSet Decode(SearchSpace space, BohbAxis[] axes, double[] x)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < axes.Length; j++)
        {
            index[axes[j].Parameter.Name] = j;
        }

        return space.Build((p, _) => axes[index[p.Name]].Decode(x[index[p.Name]]));
    }
}
