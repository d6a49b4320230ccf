namespace HyperBus.Trainers.Functions;

/// <summary>The standard optimisation test functions (Surjanovic and Bingham's library), as pure code.</summary>
public static class TestFunctions
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["branin", "hartmann6", "rosenbrock", "ackley", "levy", "styblinski-tang"];

    /// <summary>The function called <paramref name="name"/> in <paramref name="dimensions"/> dimensions, or null when unknown.</summary>
    /// <remarks>Branin is 2-D and Hartmann6 6-D whatever is asked; the others take any dimension from 1 (Rosenbrock from 2).</remarks>
    public static TestFunction? Create(string name, int dimensions) => name.ToLowerInvariant() switch
    {
        "branin" => Branin(),
        "hartmann6" => Hartmann6(),
        "rosenbrock" => Rosenbrock(Math.Max(2, dimensions)),
        "ackley" => Ackley(dimensions),
        "levy" => Levy(dimensions),
        "styblinski-tang" or "styblinskitang" => StyblinskiTang(dimensions),
        _ => null,
    };

    public static TestFunction Branin() => new("branin", [-5, 0], [10, 15], 0.397887357729738, [Math.PI, 2.275], x =>
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        var u = x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6;
        return (u * u) + (10 * (1 - t) * Math.Cos(x[0])) + 10;
    });

    public static TestFunction Hartmann6() => new("hartmann6", Fill(6, 0), Fill(6, 1), -3.32236801141551,
        [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054], x =>
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
        double[,] p =
        {
            { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
            { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
        };
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                inner += a[i, j] * (x[j] - p[i, j]) * (x[j] - p[i, j]);
            }

            sum += alpha[i] * Math.Exp(-inner);
        }

        return -sum;
    });

    public static TestFunction Rosenbrock(int d) => new("rosenbrock", Fill(d, -5), Fill(d, 10), 0, Fill(d, 1), x =>
    {
        var sum = 0.0;
        for (var i = 0; i < x.Count - 1; i++)
        {
            sum += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
        }

        return sum;
    });

    public static TestFunction Ackley(int d) => new("ackley", Fill(d, -32.768), Fill(d, 32.768), 0, Fill(d, 0), x =>
    {
        var squares = x.Sum(v => v * v);
        var cosines = x.Sum(v => Math.Cos(2 * Math.PI * v));
        return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares / x.Count))) - Math.Exp(cosines / x.Count) + 20 + Math.E;
    });

    public static TestFunction Levy(int d) => new("levy", Fill(d, -10), Fill(d, 10), 0, Fill(d, 1), x =>
    {
        static double W(double v) => 1 + ((v - 1) / 4);
        var first = Math.Pow(Math.Sin(Math.PI * W(x[0])), 2);
        var wd = W(x[^1]);
        var last = Math.Pow(wd - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * wd), 2));
        var sum = 0.0;
        for (var i = 0; i < x.Count - 1; i++)
        {
            var w = W(x[i]);
            sum += Math.Pow(w - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w) + 1), 2)));
        }

        return first + sum + last;
    });

    public static TestFunction StyblinskiTang(int d) => new("styblinski-tang", Fill(d, -5), Fill(d, 5), -39.16616570377142 * d, Fill(d, -2.903534027771178), x =>
        0.5 * x.Sum(v => (v * v * v * v) - (16 * v * v) + (5 * v)));

    private static double[] Fill(int d, double value) => Enumerable.Repeat(value, d).ToArray();
}
