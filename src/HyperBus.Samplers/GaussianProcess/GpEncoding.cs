using HyperBus.Core.Space;
using HyperBus.Samplers.Common;

namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Turns configurations into GP inputs and back: numeric parameters on [0, 1] (log axis for log scales), categorical ones as choice indices.</summary>
/// <remarks>
/// An inactive conditional parameter is imputed with a fixed value: 0.5 for a numeric one and the
/// extra level -1 for a categorical one, which the Hamming distance treats as unlike every real choice.
/// Integers stay continuous for the GP and are rounded only when a point is decoded.
/// </remarks>
internal sealed class GpEncoding
{
    private const double InactiveNumeric = 0.5;
    private const double InactiveCategory = -1;

    private readonly SearchSpace _space;

    public GpEncoding(SearchSpace space)
    {
        _space = space;
        Categorical = [.. space.Parameters.Select(IsCategorical)];
        ChoiceCounts = [.. space.Parameters.Select(p => p switch
        {
            CategoricalParameter c => c.Choices.Count,
            NumericParameter { Values: { } v } => v.Count,
            _ => 0,
        })];
    }

    public bool[] Categorical { get; }

    public int[] ChoiceCounts { get; }

    public int Dimensions => Categorical.Length;

    public double[] Encode(IReadOnlyDictionary<string, object> values)
    {
        var x = new double[Dimensions];
        for (var j = 0; j < Dimensions; j++)
        {
            var p = _space.Parameters[j];
            if (!values.TryGetValue(p.Name, out var v))
            {
                x[j] = Categorical[j] ? InactiveCategory : InactiveNumeric;
                continue;
            }

            x[j] = p switch
            {
                CategoricalParameter c => c.IndexOf(v),
                NumericParameter { Values: { } listed } => IndexOfNearest(listed, NumericParameter.AsDouble(v)),
                NumericParameter n => UnitInterval.ToUnit(n, NumericParameter.AsDouble(v)),
                _ => throw new InvalidOperationException(),
            };
        }

        return x;
    }

    public ParameterSet Decode(double[] x)
    {
        var position = _space.Parameters.Select((p, j) => (p.Name, j)).ToDictionary(t => t.Name, t => t.j, StringComparer.Ordinal);
        return _space.Build((p, _) =>
        {
            var j = position[p.Name];
            return p switch
            {
                CategoricalParameter c => c.Choices[Math.Clamp((int)x[j], 0, c.Choices.Count - 1)],
                NumericParameter { Values: { } listed } n => n.Normalize(listed[Math.Clamp((int)x[j], 0, listed.Count - 1)]),
                NumericParameter n => UnitInterval.FromUnit(n, x[j]),
                _ => throw new InvalidOperationException(),
            };
        });
    }

    /// <summary>Sets the inactive dimensions of <paramref name="x"/> to their imputed value (only conditional spaces have any).</summary>
    public void Canonicalize(double[] x)
    {
        if (!_space.IsConditional)
        {
            return;
        }

        var active = Decode(x);
        for (var j = 0; j < Dimensions; j++)
        {
            if (!active.ContainsKey(_space.Parameters[j].Name))
            {
                x[j] = Categorical[j] ? InactiveCategory : InactiveNumeric;
            }
            else if (Categorical[j] && x[j] < 0)
            {
                x[j] = 0;
            }
        }
    }

    private static bool IsCategorical(Parameter p) => p is CategoricalParameter or NumericParameter { Values: not null };

    private static int IndexOfNearest(IReadOnlyList<double> values, double v)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (Math.Abs(values[i] - v) < Math.Abs(values[best] - v))
            {
                best = i;
            }
        }

        return best;
    }
}
