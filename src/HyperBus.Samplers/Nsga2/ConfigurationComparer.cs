using HyperBus.Core.Space;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// Compares configurations by their values. ParameterSet's own hash covers only the names (every trial of a
/// study would share one bucket), so duplicate checks over a long history need this one.
/// </summary>
internal sealed class ConfigurationComparer : IEqualityComparer<ParameterSet>
{
    public static ConfigurationComparer Instance { get; } = new();

    public bool Equals(ParameterSet? x, ParameterSet? y) => x is null ? y is null : x.Equals(y);

    public int GetHashCode(ParameterSet obj)
    {
        var hash = 0;
        foreach (var (name, value) in obj)
        {
            // Order-independent, and 3 and 3.0 hash alike because ParameterValues.AreEqual treats them alike.
            var v = ParameterValues.IsNumber(value) ? NumericParameter.AsDouble(value).GetHashCode() : value.GetHashCode();
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), v);
        }

        return hash;
    }
}
