using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Tpe;

/// <summary>Tree-structured Parzen Estimator (Bergstra et al. 2011, Optuna's TPESampler): sample where good trials are dense and bad ones sparse.</summary>
/// <remarks>
/// Finished trials are split into the best gamma(n) and the rest; a Parzen estimator is fitted to each,
/// candidates are drawn from the good one, and the candidate with the largest l(x)/g(x) is returned.
/// Parameters are modelled one by one, or (multivariate) in groups that are always active together;
/// a group is only sampled when its condition holds, so conditional spaces work as a tree.
/// </remarks>
public sealed class TpeSampler : ISampler
{
    private readonly TpeOptions _options;

    public TpeSampler(TpeOptions options)
    {
        _options = options;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var scored = TrialRanking.Score(study);
        var result = new List<ParameterSet>(count);
        if (scored.Count < _options.NStartupTrials)
        {
            for (var i = 0; i < count; i++)
            {
                result.Add(RandomSampler.SampleOne(study.Space, TrialRandom.For(_options.Seed, study.NextTrialNumber + i)));
            }

            return result;
        }

        var order = TrialRanking.BestFirst(scored);
        var nBelow = TpeOptions.Gamma(scored.Count);
        var isBelow = new bool[scored.Count];
        foreach (var i in order.Take(nBelow))
        {
            isBelow[i] = true;
        }

        var below = scored.Where((_, i) => isBelow[i]).Select(s => s.Trial.Params).ToList();
        var above = scored.Where((_, i) => !isBelow[i]).Select(s => s.Trial.Params).ToList();
        if (_options.ConstantLiar)
        {
            // Optuna's constant liar: a running trial counts as worse than any finished one.
            above.AddRange(study.Running.Select(t => t.Params));
        }

        var groups = _options.Multivariate ? ParameterGroups.ByCondition(study.Space) : ParameterGroups.Singletons(study.Space);
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var p in groups[g])
            {
                groupOf[p.Name] = g;
            }
        }

        for (var i = 0; i < count; i++)
        {
            var number = study.NextTrialNumber + i;
            // Every group is modelled and sampled up front, in parallel: each has its own random stream,
            // so the result does not depend on the order; inactive groups are simply not used.
            var suggestions = new object[groups.Count][];
            Parallel.For(0, groups.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, g =>
                suggestions[g] = new GroupModel(groups[g], below, above, _options).Suggest(TrialRandom.For(_options.Seed, number, g + 1)));
            var config = study.Space.Build((p, _) =>
            {
                var g = groupOf[p.Name];
                return suggestions[g][IndexIn(groups[g], p)];
            });
            result.Add(config);
            if (_options.ConstantLiar)
            {
                above.Add(config);
            }
        }

        return result;
    }

    private static int IndexIn(IReadOnlyList<Parameter> group, Parameter p)
    {
        for (var j = 0; j < group.Count; j++)
        {
            if (ReferenceEquals(group[j], p))
            {
                return j;
            }
        }

        throw new InvalidOperationException($"parameter {p.Name} is not in its group");
    }

    /// <summary>The good and bad densities of one group of parameters.</summary>
    private sealed class GroupModel
    {
        private readonly TpeDimension[] _dims;
        private readonly ParzenEstimator _good;
        private readonly ParzenEstimator _bad;
        private readonly int _candidates;

        public GroupModel(IReadOnlyList<Parameter> group, List<ParameterSet> below, List<ParameterSet> above, TpeOptions options)
        {
            _dims = [.. group.Select(TpeDimension.For)];
            _good = new ParzenEstimator(_dims, Observations(below), options);
            _bad = new ParzenEstimator(_dims, Observations(above), options);
            _candidates = Math.Max(1, options.NEiCandidates);
        }

        public object[] Suggest(System.Random random)
        {
            var candidates = _good.Sample(random, _candidates);
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < candidates.Length; c++)
            {
                var score = _good.LogPdf(candidates[c]) - _bad.LogPdf(candidates[c]);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }

            return [.. _dims.Select((d, j) => d.Decode(candidates[best][j]))];
        }

        private List<double[]> Observations(List<ParameterSet> trials)
        {
            var result = new List<double[]>(trials.Count);
            foreach (var t in trials)
            {
                // A group's parameters are active together, so the first one decides.
                if (t.TryGetValue(_dims[0].Parameter.Name, out _) && _dims.All(d => t.ContainsKey(d.Parameter.Name)))
                {
                    result.Add([.. _dims.Select(d => d.Encode(t[d.Parameter.Name]))]);
                }
            }

            return result;
        }
    }
}
