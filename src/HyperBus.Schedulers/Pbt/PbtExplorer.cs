using HyperBus.Core.Space;

namespace HyperBus.Schedulers.Pbt;

/// <summary>PBT's explore step (Ray Tune's semantics): each parameter of the copied configuration is perturbed or redrawn.</summary>
/// <remarks>
/// A number is multiplied by 0.8 or 1.2 (then clipped and rounded to its domain) or, with the resample
/// probability, drawn afresh; a categorical or listed value moves to a neighbouring choice or is
/// redrawn. A conditional parameter that becomes active is drawn afresh.
/// </remarks>
internal static class PbtExplorer
{
    public static ParameterSet Explore(SearchSpace space, ParameterSet source, double resampleProbability, Random random) =>
        space.Build((p, _) =>
        {
            if (!source.TryGetValue(p.Name, out var value))
            {
                return Sample(p, random);
            }

            value = p.Normalize(value);
            if (random.NextDouble() < resampleProbability)
            {
                return Sample(p, random);
            }

            return p switch
            {
                CategoricalParameter c => Shift(c.Choices, c.IndexOf(value), random),
                NumericParameter { Values: { } listed } n => n.Normalize(Shift([.. listed.Cast<object>()], IndexOf(listed, NumericParameter.AsDouble(value)), random)),
                NumericParameter n => Scale(n, NumericParameter.AsDouble(value), random),
                _ => value,
            };
        });

    /// <summary>A uniform draw from the parameter's domain (log-uniform on a log scale).</summary>
    public static object Sample(Parameter p, Random random) => p switch
    {
        CategoricalParameter c => c.Choices[random.Next(c.Choices.Count)],
        NumericParameter { Values: { } listed } n => n.Normalize(listed[random.Next(listed.Count)]),
        IntParameter { Log: false } i => i.IntLow + (random.NextInt64(i.Count) * i.Step),
        NumericParameter n => n.FromInternal(n.InternalLow + (random.NextDouble() * (n.InternalHigh - n.InternalLow))),
        _ => throw new ArgumentException($"unsupported parameter type {p.GetType().Name}", nameof(p)),
    };

    private static object Scale(NumericParameter n, double value, Random random)
    {
        var factor = PbtSchedulerOptions.PerturbationFactors[random.Next(PbtSchedulerOptions.PerturbationFactors.Count)];
        var scaled = Math.Clamp(value * factor, n.Low, n.High);
        return n.FromInternal(n.ToInternal(scaled));
    }

    private static object Shift(IReadOnlyList<object> choices, int index, Random random)
    {
        var shifted = Math.Clamp(Math.Max(index, 0) + (random.NextDouble() < 0.5 ? -1 : 1), 0, choices.Count - 1);
        return choices[shifted];
    }

    private static int IndexOf(IReadOnlyList<double> listed, double value)
    {
        for (var i = 0; i < listed.Count; i++)
        {
            if (listed[i].Equals(value))
            {
                return i;
            }
        }

        return 0;
    }
}
