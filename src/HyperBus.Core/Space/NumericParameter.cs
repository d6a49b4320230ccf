namespace HyperBus.Core.Space;

/// <summary>A float or int parameter; samplers see it through a continuous "internal" axis.</summary>
/// <remarks>
/// The internal axis is the value itself, or its logarithm for a log scale, so that a sampler can treat
/// every numeric parameter alike and map back with <see cref="FromInternal"/>.
/// </remarks>
public abstract class NumericParameter : Parameter
{
    protected NumericParameter(string name, ParameterCondition? condition, double low, double high, bool log, IReadOnlyList<double>? values)
        : base(name, condition)
    {
        Low = low;
        High = high;
        Log = log;
        Values = values;
    }

    public double Low { get; }

    public double High { get; }

    public bool Log { get; }

    /// <summary>An explicit list of values (for a grid); when set the parameter only takes these.</summary>
    public IReadOnlyList<double>? Values { get; }

    public double InternalLow => Log ? Math.Log(Low) : Low;

    public double InternalHigh => Log ? Math.Log(High) : High;

    public double ToInternal(double value) => Log ? Math.Log(value) : value;

    /// <summary>Maps an internal coordinate back into the domain: clipped, then rounded to the step or value list.</summary>
    public abstract object FromInternal(double x);

    /// <summary>The parameter's value as a double, whatever its CLR type.</summary>
    public static double AsDouble(object value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        float f => f,
        decimal m => (double)m,
        _ => throw new ArgumentException($"'{value}' is not a number", nameof(value)),
    };

    protected double Clip(double x) => Math.Clamp(x, InternalLow, InternalHigh);

    protected double NearestListed(double value)
    {
        var best = Values![0];
        foreach (var v in Values)
        {
            if (Math.Abs(v - value) < Math.Abs(best - value))
            {
                best = v;
            }
        }

        return best;
    }
}
