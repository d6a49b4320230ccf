using HyperBus.Core.Space;

namespace HyperBus.Samplers.Tpe;

/// <summary>How one parameter looks to a Parzen estimator: a bounded axis (maybe discretised) or a list of choices.</summary>
/// <remarks>
/// Numeric values live on the parameter's internal axis (log for log scales). As in Optuna, integers and
/// stepped floats on a linear scale are widened by half a step and scored by the probability mass of
/// their step cell; log-scaled integers are widened by 0.5 before the logarithm and treated as continuous.
/// </remarks>
internal sealed class TpeDimension
{
    private TpeDimension(Parameter parameter, double low, double high, double step, int choices)
    {
        Parameter = parameter;
        Low = low;
        High = high;
        Step = step;
        Choices = choices;
    }

    public Parameter Parameter { get; }

    public double Low { get; }

    public double High { get; }

    /// <summary>The cell width for a discretised axis, 0 for a continuous one.</summary>
    public double Step { get; }

    /// <summary>The number of choices of a categorical dimension, 0 for a numeric one.</summary>
    public int Choices { get; }

    public bool IsCategorical => Choices > 0;

    public static TpeDimension For(Parameter parameter) => parameter switch
    {
        CategoricalParameter c => new(parameter, 0, 0, 0, c.Choices.Count),
        NumericParameter { Values: { } values } => new(parameter, 0, 0, 0, values.Count),
        IntParameter { Log: true } i => new(parameter, Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5), 0, 0),
        IntParameter i => new(parameter, i.Low - (0.5 * i.Step), i.High + (0.5 * i.Step), i.Step, 0),
        FloatParameter { Log: false, Step: { } s } f => new(parameter, f.Low - (0.5 * s), f.High + (0.5 * s), s, 0),
        FloatParameter f => new(parameter, f.InternalLow, f.InternalHigh, 0, 0),
        _ => throw new ArgumentException($"unsupported parameter type {parameter.GetType().Name}", nameof(parameter)),
    };

    /// <summary>A value as the estimator sees it: the internal coordinate, or the index of the choice.</summary>
    public double Encode(object value) => Parameter switch
    {
        CategoricalParameter c => c.IndexOf(value),
        NumericParameter { Values: { } values } => IndexOfListed(values, NumericParameter.AsDouble(value)),
        NumericParameter n => n.ToInternal(NumericParameter.AsDouble(value)),
        _ => throw new InvalidOperationException(),
    };

    public object Decode(double x) => Parameter switch
    {
        CategoricalParameter c => c.Choices[(int)x],
        NumericParameter { Values: { } values } n => n.Normalize(values[(int)x]),
        NumericParameter n => n.FromInternal(x),
        _ => throw new InvalidOperationException(),
    };

    private static int IndexOfListed(IReadOnlyList<double> values, double v)
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
