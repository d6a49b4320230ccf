using HyperBus.Core.Sampling;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// The good and bad densities of one budget: the best q percent of its observations (at least N_min)
/// against the next ones (at least N_min), fitted on the largest budget where both have more points than
/// dimensions, as HpBandSter does.
/// </summary>
internal sealed class BohbModel
{
    private const double LogFloor = -73.68; // log(1e-32): HpBandSter's floor on l(x) and g(x)

    private BohbModel(double budget, BohbKde good, BohbKde bad)
    {
        Budget = budget;
        Good = good;
        Bad = bad;
    }

    public double Budget { get; }

    public BohbKde Good { get; }

    public BohbKde Bad { get; }

    /// <summary>The model of the largest budget with enough observations, or null while none has.</summary>
    public static BohbModel? Fit(StudyView study, BohbAxis[] axes, BohbSchedulerOptions options)
    {
        var budgets = BohbObservations.Budgets(study, options);
        var minPoints = options.MinPointsInModel ?? (axes.Length + 1);
        for (var i = budgets.Count - 1; i >= 0; i--)
        {
            var observed = BohbObservations.At(study, budgets[i], isLargest: i == budgets.Count - 1);
            if (observed.Count < minPoints)
            {
                continue;
            }

            // Stable order: equal losses keep trial order, so the split is reproducible.
            var ranked = observed.OrderBy(o => o.Loss).ThenBy(o => o.Trial.Number).ToList();
            var nGood = Math.Max(minPoints, (int)(options.TopNPercent * ranked.Count / 100));
            var nBad = Math.Max(minPoints, (int)((100 - options.TopNPercent) * ranked.Count / 100));
            var good = ranked.Take(nGood).Select(o => Vector(o.Trial, axes, options.Seed)).ToList();
            var bad = ranked.Skip(nGood).Take(nBad).Select(o => Vector(o.Trial, axes, options.Seed)).ToList();
            if (good.Count <= axes.Length || bad.Count <= axes.Length)
            {
                continue;
            }

            return new BohbModel(budgets[i], new BohbKde(axes, good, options.MinBandwidth), new BohbKde(axes, bad, options.MinBandwidth));
        }

        return null;
    }

    /// <summary>log l(x) - log g(x), each floored as in HpBandSter: the larger, the more promising.</summary>
    public double Score(double[] x) => Math.Max(Good.LogPdf(x), LogFloor) - Math.Max(Bad.LogPdf(x), LogFloor);

    /// <summary>
    /// A trial's configuration on the axes; a parameter inactive in it (conditional spaces) is filled with a
    /// uniform draw seeded by the trial number, as HpBandSter imputes missing values at random.
    /// </summary>
    public static double[] Vector(Trial trial, BohbAxis[] axes, int seed)
    {
        var x = new double[axes.Length];
        Random? impute = null;
        for (var j = 0; j < axes.Length; j++)
        {
            x[j] = trial.Params.TryGetValue(axes[j].Parameter.Name, out var v)
                ? axes[j].Encode(v)
                : axes[j].Uniform(impute ??= TrialRandom.For(seed, trial.Number, stream: 7919));
        }

        return x;
    }
}
