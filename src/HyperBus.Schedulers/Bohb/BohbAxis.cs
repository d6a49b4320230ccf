using HyperBus.Core.Space;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// One parameter as BOHB's densities see it: numeric ones on [0, 1] over their internal (log) axis,
/// choices and listed values as an index (HpBandSter's vector form of a ConfigSpace configuration).
/// </summary>
internal sealed class BohbAxis
{
    private readonly double _low;
    private readonly double _high;

    private BohbAxis(Parameter parameter, double low, double high, int choices)
    {
        Parameter = parameter;
        _low = low;
        _high = high;
        Choices = choices;
    }

    public Parameter Parameter { get; }

    /// <summary>The number of choices of a categorical axis, 0 for a continuous one.</summary>
    public int Choices { get; }

    public bool IsCategorical => Choices > 0;

    // Integers are widened by half a step each side so the end values are as likely as inner ones.
    public static BohbAxis For(Parameter parameter) => parameter switch
    {
        CategoricalParameter c => new(parameter, 0, 0, c.Choices.Count),
        NumericParameter { Values: { } values } => new(parameter, 0, 0, values.Count),
        IntParameter { Log: true } i => new(parameter, Math.Log(i.IntLow - 0.5), Math.Log(i.IntHigh + 0.5), 0),
        IntParameter i => new(parameter, i.IntLow - (0.5 * i.Step), i.IntHigh + (0.5 * i.Step), 0),
        NumericParameter n => new(parameter, n.InternalLow, n.InternalHigh, 0),
        _ => throw new ArgumentException($"unsupported parameter type {parameter.GetType().Name}", nameof(parameter)),
    };

    /// <summary>A uniform draw on the axis (BOHB's random configurations).</summary>
    public double Uniform(Random random) => IsCategorical ? random.Next(Choices) : random.NextDouble();

    public double Encode(object value) => Parameter switch
    {
        CategoricalParameter c => c.IndexOf(value),
        NumericParameter { Values: { } values } => NearestIndex(values, NumericParameter.AsDouble(value)),
        NumericParameter n => Math.Clamp((n.ToInternal(NumericParameter.AsDouble(value)) - _low) / (_high - _low), 0, 1),
        _ => throw new InvalidOperationException(),
    };

    public object Decode(double x) => Parameter switch
    {
        CategoricalParameter c => c.Choices[Index(x)],
        NumericParameter { Values: { } values } n => n.Normalize(values[Index(x)]),
        NumericParameter n => n.FromInternal(_low + (Math.Clamp(x, 0, 1) * (_high - _low))),
        _ => throw new InvalidOperationException(),
    };

    private int Index(double x) => Math.Clamp((int)Math.Round(x), 0, Choices - 1);

    private static int NearestIndex(IReadOnlyList<double> values, double v)
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
