using HyperBus.Core.Specs;

namespace HyperBus.Schedulers.Common;

/// <summary>Reads scheduler options with errors that state the bound plainly (<c>scheduler.reductionFactor: must be &gt;= 2</c>).</summary>
internal static class OptionReading
{
    public static int? IntAtLeast(this SpecObjectReader o, string key, int min)
    {
        var node = o.Raw(key);
        if (node is null)
        {
            return null;
        }

        if (!SpecObjectReader.TryNumber(node, out var d) || d != Math.Floor(d) || double.IsInfinity(d))
        {
            o.Error(key, $"must be an integer, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        if (d < min)
        {
            o.Error(key, $"must be >= {min}, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        if (d > int.MaxValue)
        {
            o.Error(key, $"must be <= {int.MaxValue}, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        return (int)d;
    }

    /// <summary>A finite number above <paramref name="min"/> (or at least it when <paramref name="inclusive"/>).</summary>
    public static double? NumberAbove(this SpecObjectReader o, string key, double min, bool inclusive = false)
    {
        var node = o.Raw(key);
        if (node is null)
        {
            return null;
        }

        if (!SpecObjectReader.TryNumber(node, out var d) || !double.IsFinite(d))
        {
            o.Error(key, $"must be a finite number, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        if (inclusive ? d < min : d <= min)
        {
            o.Error(key, $"must be {(inclusive ? ">=" : ">")} {min}, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        return d;
    }

    /// <summary>'auto' (estimated from the first completed trial, as Optuna does) or a number above 0.</summary>
    public static ResourceOption? Resource(this SpecObjectReader o, string key)
    {
        var node = o.Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            if (node.GetValue<string>() == "auto")
            {
                return ResourceOption.Auto;
            }

            o.Error(key, $"must be 'auto' or a number > 0, not {SpecObjectReader.Describe(node)}");
            return null;
        }

        var value = o.NumberAbove(key, 0);
        return value is null ? null : ResourceOption.Fixed(value.Value);
    }

    public static void Required(this SpecObjectReader o, string key)
    {
        if (!o.Has(key))
        {
            o.Error(key, "is required");
        }
    }
}
