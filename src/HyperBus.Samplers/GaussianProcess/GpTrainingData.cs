using HyperBus.Core.Trials;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>What a GP is conditioned on: encoded points and their warped, standardised losses (smaller is better).</summary>
internal sealed class GpTrainingData
{
    private GpTrainingData(List<Trial> trials, List<double[]> x, List<double> y)
    {
        Trials = trials;
        X = x;
        Y = y;
    }

    /// <summary>The completed trials behind the rows of <see cref="X"/>, in number order.</summary>
    public List<Trial> Trials { get; }

    public List<double[]> X { get; }

    public List<double> Y { get; }

    /// <summary>
    /// The data for <paramref name="completed"/> (finite values, number order); above
    /// <paramref name="maxObservations"/> trials it keeps the best half and the most recent half, since an
    /// exact GP costs n³ to condition and n² per prediction.
    /// </summary>
    public static GpTrainingData From(StudyView study, IReadOnlyList<Trial> completed, GpEncoding encoding, int maxObservations)
    {
        var kept = completed.ToList();
        if (kept.Count > maxObservations)
        {
            var half = maxObservations / 2;
            var best = kept.OrderBy(t => study.ToLoss(t.Value!.Value)).Take(half);
            kept = [.. best.Union(kept.TakeLast(maxObservations - half)).OrderBy(t => t.Number)];
        }

        var x = kept.Select(t => encoding.Encode(t.Params)).ToList();
        var losses = LossWarping.Apply([.. kept.Select(t => study.ToLoss(t.Value!.Value))]);
        var mean = losses.Average();
        var std = Math.Sqrt(losses.Sum(v => (v - mean) * (v - mean)) / losses.Length);
        std = std > 1e-12 ? std : 1;
        return new GpTrainingData(kept, x, [.. losses.Select(v => (v - mean) / std)]);
    }

    /// <summary>Row indices of at most <paramref name="size"/> rows: the best half and the most recent half.</summary>
    public List<int> Subset(int size)
    {
        if (Y.Count <= size)
        {
            return [.. Enumerable.Range(0, Y.Count)];
        }

        var best = Enumerable.Range(0, Y.Count).OrderBy(i => Y[i]).Take(size / 2);
        var recent = Enumerable.Range(Y.Count - (size - (size / 2)), size - (size / 2));
        return [.. best.Union(recent).Order()];
    }
}
