namespace HyperBus.Trainers.Functions;

/// <summary>Zitzler, Deb and Thiele's two-objective test problems (ZDT1, ZDT2), both objectives minimised, x in [0, 1]^d.</summary>
public static class ObjectivePairs
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zdt1", "zdt2"];

    /// <summary>The problem called <paramref name="name"/> in <paramref name="dimensions"/> (at least 2) dimensions, or null when unknown.</summary>
    public static ObjectivePair? Create(string name, int dimensions) => name.ToLowerInvariant() switch
    {
        "zdt1" => Zdt1(Math.Max(2, dimensions)),
        "zdt2" => Zdt2(Math.Max(2, dimensions)),
        _ => null,
    };

    /// <summary>Convex front f2 = 1 - sqrt(f1), reached where x1..x(d-1) are 0.</summary>
    public static ObjectivePair Zdt1(int d) => new("zdt1", d, x => Zdt(x, ratio => 1 - Math.Sqrt(ratio)), f1 => 1 - Math.Sqrt(f1));

    /// <summary>Non-convex front f2 = 1 - f1^2, reached where x1..x(d-1) are 0.</summary>
    public static ObjectivePair Zdt2(int d) => new("zdt2", d, x => Zdt(x, ratio => 1 - (ratio * ratio)), f1 => 1 - (f1 * f1));

    // Both share f1 = x0 and g = 1 + 9 * mean(x1..); only the shape h(f1 / g) differs.
    private static double[] Zdt(IReadOnlyList<double> x, Func<double, double> h)
    {
        var f1 = x[0];
        var g = 1 + (9 * x.Skip(1).Sum() / (x.Count - 1));
        return [f1, g * h(f1 / g)];
    }
}
