namespace HyperBus.Core.Space;

/// <summary>A real-valued parameter on [low, high], optionally log-scaled or on a step grid.</summary>
public sealed class FloatParameter : NumericParameter
{
    public FloatParameter(string name, double low, double high, bool log = false, double? step = null, IReadOnlyList<double>? values = null, ParameterCondition? condition = null)
        : base(name, condition, low, high, log, values)
    {
        Step = step;
    }

    /// <summary>When set, values are low, low + step, ... (never above high).</summary>
    public double? Step { get; }

    public override bool Contains(object value)
    {
        if (value is not (double or long or int))
        {
            return false;
        }

        var v = AsDouble(value);
        if (double.IsNaN(v) || v < Low || v > High)
        {
            return false;
        }

        if (Values is not null)
        {
            // A loop, not Any with a lambda: capturing v would allocate a closure on every call, listed values or not.
            for (var i = 0; i < Values.Count; i++)
            {
                if (Values[i].Equals(v))
                {
                    return true;
                }
            }

            return false;
        }

        if (Step is { } step)
        {
            var k = (v - Low) / step;
            return Math.Abs(k - Math.Round(k)) < 1e-6;
        }

        return true;
    }

    // A double is already in normal form: handed back as is, not boxed again (this runs on every suggestion).
    public override object Normalize(object value) => value is double ? value : AsDouble(value);

    public override object FromInternal(double x)
    {
        var v = Log ? Math.Exp(Clip(x)) : Clip(x);
        if (Values is not null)
        {
            return NearestListed(v);
        }

        if (Step is { } step)
        {
            var k = Math.Round((v - Low) / step);
            v = Math.Min(Low + (k * step), High);
            // Avoid 0.30000000000000004 style noise from the multiplication.
            v = Math.Round(v, 12);
        }

        return Math.Clamp(v, Low, High);
    }
}
