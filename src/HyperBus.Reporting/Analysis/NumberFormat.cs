using System.Globalization;

namespace HyperBus.Reporting.Analysis;

/// <summary>How plots and tables print an objective value: short, invariant culture.</summary>
public static class NumberFormat
{
    public static string Value(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    public static string Value(double? value) => value is { } v ? Value(v) : "-";
}
