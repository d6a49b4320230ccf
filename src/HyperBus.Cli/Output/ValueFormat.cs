using System.Globalization;

namespace HyperBus.Cli.Output;

/// <summary>Objective values for people: six significant digits, so 6.16e-07 is not printed as 0.</summary>
public static class ValueFormat
{
    public static string Significant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
