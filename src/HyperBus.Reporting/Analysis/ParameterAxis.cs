using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>
/// How one parameter maps onto [0, 1]: numbers linearly (or by their logarithm on a log scale), categories
/// as equal bins in their declared order, so plots and the importance forest share one scale.
/// </summary>
public sealed class ParameterAxis
{
    private ParameterAxis(string name, bool log, double low, double high, IReadOnlyList<object>? categories, bool isInteger = false)
    {
        IsInteger = isInteger;
        Name = name;
        Log = log;
        Low = low;
        High = high;
        Categories = categories;
    }

    public string Name { get; }

    /// <summary>True when the spec declares a log scale: positions are in log space.</summary>
    public bool Log { get; }

    /// <summary>The lower end in internal units (the logarithm on a log scale).</summary>
    public double Low { get; }

    public double High { get; }

    /// <summary>The choices, in the spec's order, for a categorical parameter; null for numbers.</summary>
    public IReadOnlyList<object>? Categories { get; }

    public bool IsCategorical => Categories is not null;

    /// <summary>True for an <c>int</c> parameter: its tick labels are whole numbers.</summary>
    public bool IsInteger { get; }

    /// <summary>
    /// The axis of <paramref name="name"/> over the trials' values. With <paramref name="useSpecBounds"/> a numeric axis spans the
    /// declared range (the domain, as importance needs); otherwise the values seen (tighter, for plots).
    /// </summary>
    public static ParameterAxis For(string name, SearchSpace? space, IEnumerable<Trial> trials, bool useSpecBounds)
    {
        var values = trials.Where(t => t.Params.ContainsKey(name)).Select(t => t.Params[name]).ToList();
        switch (space?.Find(name))
        {
            case CategoricalParameter c:
                return new ParameterAxis(name, false, 0, c.Choices.Count, c.Choices);
            case NumericParameter n:
                var seen = values.Where(ParameterValues.IsNumber).Select(v => n.ToInternal(NumericParameter.AsDouble(v))).ToList();
                var isInteger = n is IntParameter;
                return useSpecBounds || seen.Count == 0
                    ? new ParameterAxis(name, n.Log, n.InternalLow, n.InternalHigh, null, isInteger)
                    : new ParameterAxis(name, n.Log, seen.Min(), seen.Max(), null, isInteger);
        }

        if (values.Count > 0 && values.All(ParameterValues.IsNumber))
        {
            var numbers = values.Select(NumericParameter.AsDouble).ToList();
            return new ParameterAxis(name, false, numbers.Min(), numbers.Max(), null);
        }

        // Not in the spec and not all numbers: treat the distinct values seen as categories.
        var categories = values.DistinctBy(ParameterValues.Format).OrderBy(ParameterValues.Format, StringComparer.Ordinal).ToList();
        return new ParameterAxis(name, false, 0, categories.Count, categories);
    }

    /// <summary>Where <paramref name="value"/> sits on the axis in internal units (a category's index for categories).</summary>
    public double ToInternal(object value)
    {
        if (Categories is not null)
        {
            for (var i = 0; i < Categories.Count; i++)
            {
                if (ParameterValues.AreEqual(Categories[i], value))
                {
                    return i;
                }
            }

            throw new ArgumentException($"'{ParameterValues.Format(value)}' is not a choice of parameter '{Name}'", nameof(value));
        }

        var x = NumericParameter.AsDouble(value);
        return Log ? Math.Log(x) : x;
    }

    /// <summary>The position in [0, 1]: a category at the centre of its bin, a number by its share of the range (0.5 when the range is one point).</summary>
    public double Normalize(object value)
    {
        var x = ToInternal(value);
        if (Categories is not null)
        {
            return (x + 0.5) / Categories.Count;
        }

        return High > Low ? Math.Clamp((x - Low) / (High - Low), 0, 1) : 0.5;
    }

    /// <summary>The value at a position in [0, 1], as a label for a tick.</summary>
    public string Label(double position)
    {
        if (Categories is not null)
        {
            var i = Math.Clamp((int)Math.Floor(position * Categories.Count), 0, Categories.Count - 1);
            return ParameterValues.Format(Categories[i]);
        }

        var x = Low + (position * (High - Low));
        var value = Log ? Math.Exp(x) : x;
        // Four significant digits keep tick labels short (exports keep full precision); an int's ticks are whole.
        return (IsInteger ? Math.Round(value) : value).ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
    }
}
