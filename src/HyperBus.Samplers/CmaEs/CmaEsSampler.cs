using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.CmaEs;

/// <summary>CMA-ES with IPOP restarts over the always-active numeric parameters; categorical and conditional ones are drawn at random.</summary>
/// <remarks>
/// The sampler keeps no state: generations are consecutive blocks of trial numbers (lambda per block),
/// and the distribution is rebuilt by replaying every finished block from the stored parameters and
/// values. A restarted host therefore continues the same run. A block is told once all its trials have
/// finished; failed trials rank last, pruned ones after completed ones. Trials asked for before the
/// previous block finished (parallel studies) are drawn from the latest distribution and later count
/// as injected solutions of their own block.
/// </remarks>
public sealed class CmaEsSampler : ISampler
{
    private const int RestartStream = 3;
    private readonly CmaEsOptions _options;

    public CmaEsSampler(CmaEsOptions options)
    {
        _options = options;
    }

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        var axes = study.Space.Parameters.OfType<NumericParameter>().Where(p => p.Condition is null && p.Values is null).ToList();
        var result = new List<ParameterSet>(count);
        var state = axes.Count == 0 ? null : Replay(study, axes);
        var axisIndex = axes.Select((a, j) => (a.Name, j)).ToDictionary(t => t.Name, t => t.j, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var number = study.NextTrialNumber + i;
            var random = TrialRandom.For(_options.Seed, number);
            var point = state?.Sample([.. axes.Select(_ => Gaussian(random))]);
            var other = TrialRandom.For(_options.Seed, number, 7);
            result.Add(study.Space.Build((p, _) => point is not null && axisIndex.TryGetValue(p.Name, out var j)
                ? UnitInterval.FromUnit(axes[j], point[j])
                : RandomSampler.SampleParameter(p, other)));
        }

        return result;
    }

    private CmaState Replay(StudyView study, List<NumericParameter> axes)
    {
        var n = axes.Count;
        var lambda = _options.PopulationSize ?? (4 + (int)Math.Floor(3 * Math.Log(n)));
        var minStd = axes.Select(MinimumStd).ToArray();
        var state = new CmaState(Enumerable.Repeat(0.5, n).ToArray(), _options.Sigma0, lambda, minStd);
        var byNumber = study.Trials.ToDictionary(t => t.Number);
        var bestPerGeneration = new List<double>();
        var restarts = 0;
        for (var start = 0; ; start += state.Lambda)
        {
            var block = Enumerable.Range(start, state.Lambda).Select(k => byNumber.GetValueOrDefault(k)).ToList();
            if (block.Any(t => t is null || !t.IsFinished))
            {
                return state;
            }

            var ranked = block.Select(t => (Point: axes.Select(a => t!.Params.TryGetValue(a.Name, out var v) ? UnitInterval.ToUnit(a, NumericParameter.AsDouble(v)) : 0.5).ToArray(), Key: RankKey(study, t!)))
                .OrderBy(s => s.Key.Tier).ThenBy(s => s.Key.Loss).ToList();
            state.Tell([.. ranked.Select(r => r.Point)]);
            bestPerGeneration.Add(ranked[0].Key.Loss);
            if (_options.Restarts && (state.HasConverged || Stalled(bestPerGeneration, ranked.Select(r => r.Key.Loss), n, state.Lambda)))
            {
                restarts++;
                var random = TrialRandom.For(_options.Seed, restarts, RestartStream);
                var mean = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
                state = new CmaState(mean, _options.Sigma0, state.Lambda * 2, minStd);
                bestPerGeneration.Clear();
            }
        }
    }

    private static (double Tier, double Loss) RankKey(StudyView study, Trial t) => t.State switch
    {
        TrialState.Completed when t.Value is { } v && !double.IsNaN(v) => (0, study.ToLoss(v)),
        TrialState.Pruned when (t.LastReport?.Value ?? t.Value) is { } v && !double.IsNaN(v) => (1, study.ToLoss(v)),
        _ => (2, double.PositiveInfinity),
    };

    /// <summary>IPOP's TolFun: the best values of the recent generations and this one's values all lie within 1e-12.</summary>
    private static bool Stalled(List<double> bests, IEnumerable<double> current, int n, int lambda)
    {
        var window = 10 + (int)Math.Ceiling(30.0 * n / lambda);
        if (bests.Count < window)
        {
            return false;
        }

        var values = bests.TakeLast(window).Concat(current.Where(double.IsFinite)).ToList();
        return values.Max() - values.Min() < 1e-12;
    }

    private static double MinimumStd(NumericParameter p)
    {
        var (low, high) = UnitInterval.Bounds(p);
        var step = p switch
        {
            IntParameter { Log: false } i => i.Step,
            FloatParameter { Log: false, Step: { } s } => s,
            _ => 0,
        };
        // A fifth of a step keeps rounding from freezing an integer axis while still letting it converge.
        return step > 0 ? 0.2 * step / (high - low) : 0;
    }

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
