using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Common;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.CmaEs;

/// <summary>CMA-ES with IPOP restarts over the always-active numeric parameters; categorical and conditional ones are drawn at random.</summary>
/// <remarks>
/// The store is the only source of truth: generations are consecutive blocks of trial numbers (lambda per block),
/// and the distribution is rebuilt by replaying every finished block from the stored parameters and
/// values. A restarted host therefore continues the same run. A block is told once all its trials have
/// finished; failed trials rank last, pruned ones after completed ones. Trials asked for before the
/// previous block finished (parallel studies) are drawn from the latest distribution and later count
/// as injected solutions of their own block. The replayed run is cached with the trial data it consumed
/// (<see cref="CmaReplay"/>), so a call replays only the generations finished since the last one.
/// </remarks>
public sealed class CmaEsSampler : ISampler
{
    private const int RestartStream = 3;
    private readonly CmaEsOptions _options;
    private readonly Lock _gate = new();
    private CmaReplay? _cache;

    public CmaEsSampler(CmaEsOptions options)
    {
        _options = options;
    }

    /// <summary>IPOP restarts in the cached run (for tests).</summary>
    internal int CachedRestarts => _cache?.Restarts ?? 0;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
    {
        lock (_gate)
        {
            return SuggestLocked(study, count);
        }
    }

    private List<ParameterSet> SuggestLocked(StudyView study, int count)
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
        var byNumber = study.Trials.ToDictionary(t => t.Number);
        var axesKey = string.Join('\n', axes.Select(a => a.Name));
        // Go on from the cached run only if the trials it consumed still read the same; else rebuild.
        var replay = _cache is { } cached && cached.AxesKey == axesKey && Agrees(study, axes, byNumber, cached)
            ? cached
            : Fresh(axes, axesKey);
        _cache = replay;
        var n = axes.Count;
        var minStd = axes.Select(MinimumStd).ToArray();
        while (true)
        {
            var state = replay.State;
            var block = Enumerable.Range(replay.NextStart, state.Lambda).Select(k => byNumber.GetValueOrDefault(k)).ToList();
            if (block.Any(t => t is null || !t.IsFinished))
            {
                return state;
            }

            var read = block.Select(t => (Point: UnitPoint(axes, t!), Key: RankKey(study, t!))).ToList();
            foreach (var (point, key) in read)
            {
                replay.Consumed.AddRange(point);
                replay.Consumed.Add(key.Tier);
                replay.Consumed.Add(key.Loss);
            }

            var ranked = read.OrderBy(s => s.Key.Tier).ThenBy(s => s.Key.Loss).ToList();
            state.Tell([.. ranked.Select(r => r.Point)]);
            replay.NextStart += state.Lambda;
            replay.BestPerGeneration.Add(ranked[0].Key.Loss);
            if (_options.Restarts && (state.HasConverged || Stalled(replay.BestPerGeneration, ranked.Select(r => r.Key.Loss), n, state.Lambda)))
            {
                replay.Restarts++;
                var random = TrialRandom.For(_options.Seed, replay.Restarts, RestartStream);
                var mean = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
                replay.State = new CmaState(mean, _options.Sigma0, state.Lambda * 2, minStd);
                replay.BestPerGeneration.Clear();
            }
        }
    }

    private CmaReplay Fresh(List<NumericParameter> axes, string axesKey)
    {
        var n = axes.Count;
        var lambda = _options.PopulationSize ?? (4 + (int)Math.Floor(3 * Math.Log(n)));
        var minStd = axes.Select(MinimumStd).ToArray();
        return new CmaReplay(axesKey, new CmaState(Enumerable.Repeat(0.5, n).ToArray(), _options.Sigma0, lambda, minStd));
    }

    private static bool Agrees(StudyView study, List<NumericParameter> axes, Dictionary<int, Trial> byNumber, CmaReplay replay)
    {
        var consumed = replay.Consumed;
        var i = 0;
        for (var k = 0; k < replay.NextStart; k++)
        {
            if (!byNumber.TryGetValue(k, out var t) || !t.IsFinished)
            {
                return false;
            }

            foreach (var a in axes)
            {
                if (!UnitValue(a, t).Equals(consumed[i++]))
                {
                    return false;
                }
            }

            var (tier, loss) = RankKey(study, t);
            if (!tier.Equals(consumed[i++]) || !loss.Equals(consumed[i++]))
            {
                return false;
            }
        }

        return true;
    }

    private static double[] UnitPoint(List<NumericParameter> axes, Trial t) => [.. axes.Select(a => UnitValue(a, t))];

    private static double UnitValue(NumericParameter a, Trial t) =>
        t.Params.TryGetValue(a.Name, out var v) ? UnitInterval.ToUnit(a, NumericParameter.AsDouble(v)) : 0.5;

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
