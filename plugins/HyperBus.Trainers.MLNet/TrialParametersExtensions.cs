using System.Globalization;
using System.Numerics;
using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.MLNet;

/// <summary>Optional parameter reads that reject out-of-range values with a message naming the parameter.</summary>
public static class TrialParametersExtensions
{
    /// <summary>The integer <paramref name="name"/>, or null when the trial does not set it.</summary>
    public static int? GetIntOrNull(this TrialParameters parameters, string name, int minimum, int maximum = int.MaxValue)
    {
        if (!parameters.Contains(name))
        {
            return null;
        }

        var value = parameters.GetInt(name);
        return value >= minimum && value <= maximum
            ? value
            : throw OutOfRange(name, value.ToString(CultureInfo.InvariantCulture), RangeText(minimum, maximum, false));
    }

    public static int GetInt(this TrialParameters parameters, string name, int fallback, int minimum, int maximum = int.MaxValue) =>
        parameters.GetIntOrNull(name, minimum, maximum) ?? fallback;

    /// <summary>
    /// The number <paramref name="name"/>, or null when the trial does not set it; it must lie in
    /// [minimum, maximum], or (minimum, maximum] when <paramref name="exclusiveMinimum"/>.
    /// </summary>
    public static double? GetDoubleOrNull(this TrialParameters parameters, string name, double minimum, double maximum = double.MaxValue, bool exclusiveMinimum = false)
    {
        if (!parameters.Contains(name))
        {
            return null;
        }

        var value = parameters.GetDouble(name);
        var aboveMinimum = exclusiveMinimum ? value > minimum : value >= minimum;
        return aboveMinimum && value <= maximum
            ? value
            : throw OutOfRange(name, value.ToString("R", CultureInfo.InvariantCulture), RangeText(minimum, maximum, exclusiveMinimum));
    }

    public static double GetDouble(this TrialParameters parameters, string name, double fallback, double minimum, double maximum = double.MaxValue, bool exclusiveMinimum = false) =>
        parameters.GetDoubleOrNull(name, minimum, maximum, exclusiveMinimum) ?? fallback;

    private static string RangeText<T>(T minimum, T maximum, bool exclusiveMinimum)
        where T : IFormattable, IMinMaxValue<T>, IEquatable<T>
    {
        var low = string.Create(CultureInfo.InvariantCulture, $"{(exclusiveMinimum ? ">" : ">=")} {minimum}");
        return maximum.Equals(T.MaxValue) ? low : string.Create(CultureInfo.InvariantCulture, $"{low} and <= {maximum}");
    }

    private static TrialFailedException OutOfRange(string name, string value, string range) =>
        new($"parameter '{name}' must be {range}, not {value}");
}
