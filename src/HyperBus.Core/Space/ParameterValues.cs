using System.Globalization;
using System.Text.Json;

namespace HyperBus.Core.Space;

/// <summary>Comparisons and JSON conversion for parameter values (double, long, string or bool).</summary>
public static class ParameterValues
{
    /// <summary>Equality that treats 3 and 3.0 as the same value, as a user writing YAML would.</summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return NumericParameter.AsDouble(a).Equals(NumericParameter.AsDouble(b));
        }

        return a.Equals(b);
    }

    public static bool IsNumber(object value) => value is double or long or int or float or decimal;

    public static JsonElement ToJson(object value) => value switch
    {
        double d => JsonSerializer.SerializeToElement(d),
        long l => JsonSerializer.SerializeToElement(l),
        int i => JsonSerializer.SerializeToElement((long)i),
        bool b => JsonSerializer.SerializeToElement(b),
        string s => JsonSerializer.SerializeToElement(s),
        _ => JsonSerializer.SerializeToElement(value.ToString()),
    };

    /// <summary>Reads a JSON scalar as long (integral numbers), double, string or bool.</summary>
    public static object FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var l) && !element.GetRawText().Contains('.', StringComparison.Ordinal) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString()!,
        _ => throw new ArgumentException($"a parameter value must be a number, string or boolean, not {element.ValueKind}", nameof(element)),
    };

    public static string Format(object value) => value switch
    {
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
