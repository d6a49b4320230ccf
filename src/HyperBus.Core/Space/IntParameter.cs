namespace HyperBus.Core.Space;

/// <summary>An integer parameter on [low, high] with a step (default 1), optionally log-scaled.</summary>
public sealed class IntParameter : NumericParameter
{
    public IntParameter(string name, long low, long high, bool log = false, long step = 1, IReadOnlyList<double>? values = null, ParameterCondition? condition = null)
        : base(name, condition, low, high, log, values)
    {
        Step = step;
    }

    public long Step { get; }

    public long IntLow => (long)Low;

    public long IntHigh => (long)High;

    /// <summary>How many distinct values the parameter takes.</summary>
    public long Count => Values?.Count ?? (((IntHigh - IntLow) / Step) + 1);

    public override bool Contains(object value)
    {
        if (value is not (long or int))
        {
            return false;
        }

        var v = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (v < IntLow || v > IntHigh)
        {
            return false;
        }

        return Values is not null ? Values.Any(x => x.Equals(v)) : (v - IntLow) % Step == 0;
    }

    public override object Normalize(object value) => value switch
    {
        long l => l,
        int i => (long)i,
        double d when d == Math.Floor(d) => (long)d,
        _ => throw new ArgumentException($"'{value}' is not an integer", nameof(value)),
    };

    public override object FromInternal(double x)
    {
        var v = Log ? Math.Exp(Clip(x)) : Clip(x);
        if (Values is not null)
        {
            return (long)NearestListed(v);
        }

        var k = Math.Round((v - IntLow) / Step);
        var result = IntLow + ((long)k * Step);
        while (result > IntHigh)
        {
            result -= Step;
        }

        return Math.Max(result, IntLow);
    }
}
