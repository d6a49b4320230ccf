namespace HyperBus.Bench.MultiObjective;

/// <summary>A two-objective test problem (both minimised): box bounds, objectives and optional constraints (&lt;= 0 feasible).</summary>
internal sealed record TwoObjectiveProblem(string Name, double[] Low, double[] High, Func<double[], double[]> Objectives, Func<double[], double[]>? Constraints = null)
{
    /// <summary>The problems bench/multiobjective/optuna_mo.py defines identically.</summary>
    public static TwoObjectiveProblem Get(string name) => name switch
    {
        "zdt1" => Zdt(name, 30, x => 1 - Math.Sqrt(x[0] / G(x))),
        "zdt2" => Zdt(name, 30, x => 1 - Math.Pow(x[0] / G(x), 2)),
        "zdt3" => Zdt(name, 30, x => 1 - Math.Sqrt(x[0] / G(x)) - (x[0] / G(x) * Math.Sin(10 * Math.PI * x[0]))),
        // Binh and Korn (1997): two constraints cut the box.
        "bnh" => new(name, [0, 0], [5, 3],
            x => [(4 * x[0] * x[0]) + (4 * x[1] * x[1]), Math.Pow(x[0] - 5, 2) + Math.Pow(x[1] - 5, 2)],
            x => [Math.Pow(x[0] - 5, 2) + (x[1] * x[1]) - 25, 7.7 - Math.Pow(x[0] - 8, 2) - Math.Pow(x[1] + 3, 2)]),
        _ => throw new ArgumentException($"unknown problem '{name}'; known: zdt1, zdt2, zdt3, bnh", nameof(name)),
    };

    private static double G(double[] x) => 1 + (9 * x.Skip(1).Sum() / (x.Length - 1));

    private static TwoObjectiveProblem Zdt(string name, int n, Func<double[], double> h) =>
        new(name, new double[n], Enumerable.Repeat(1.0, n).ToArray(), x => [x[0], G(x) * h(x)]);
}
