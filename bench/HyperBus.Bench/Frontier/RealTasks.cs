using System.Globalization;
using System.Text.Json;
using HyperBus.Core.Space;

namespace HyperBus.Bench.Frontier;

/// <summary>
/// The suite's three real tuning tasks, tabulated: SVC on digits, gradient boosting on breast cancer, an MLP on digits.
/// The spaces are bench/frontier/real_tasks.py's; the objective is the interpolated table (copied beside the binary).
/// </summary>
public static class RealTasks
{
    public static IReadOnlyList<string> Names { get; } = ["svc-digits", "boost-cancer", "mlp-digits"];

    public static bool Contains(string name) => Names.Contains(name);

    public static IReadOnlyList<Parameter> Parameters(string name) => name switch
    {
        "svc-digits" => [new FloatParameter("C", 1e-2, 1e4, log: true), new FloatParameter("gamma", 1e-5, 1.0, log: true)],
        "boost-cancer" =>
        [
            new FloatParameter("learning_rate", 1e-3, 1.0, log: true),
            new IntParameter("max_leaf_nodes", 2, 64, log: true),
            new IntParameter("min_samples_leaf", 1, 64, log: true),
            new FloatParameter("l2_regularization", 1e-4, 10.0, log: true),
        ],
        "mlp-digits" =>
        [
            new IntParameter("hidden", 8, 128, log: true),
            new FloatParameter("alpha", 1e-5, 1.0, log: true),
            new FloatParameter("learning_rate_init", 1e-4, 1e-1, log: true),
            new CategoricalParameter("activation", ["relu", "tanh"]),
        ],
        _ => throw new ArgumentException($"unknown real task {name}", nameof(name)),
    };

    public static RealTable Table(string name, IReadOnlyList<Parameter> parameters) =>
        RealTable.Load(Path.Combine(AppContext.BaseDirectory, "tables", $"{name}.csv"), parameters);

    public static FrontierProblem Create(string name)
    {
        var parameters = Parameters(name);
        var table = Table(name, parameters);
        return new FrontierProblem(name, SearchSpace.Create(parameters), table.Evaluate, table.Minimum);
    }

    /// <summary>
    /// The cross-check with Python (bench/frontier/check_real.py): one JSON object of parameter values per line on
    /// stdin, the interpolated value per line on stdout (round-trip format).
    /// </summary>
    public static void EvaluateLines(string name, TextReader input, TextWriter output)
    {
        var parameters = Parameters(name);
        var table = Table(name, parameters);
        while (input.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var values = new Dictionary<string, object>();
            foreach (var p in parameters)
            {
                var element = document.RootElement.GetProperty(p.Name);
                values[p.Name] = p switch
                {
                    CategoricalParameter => element.GetString()!,
                    IntParameter => element.GetInt64(),
                    _ => element.GetDouble(),
                };
            }

            output.WriteLine(table.Evaluate(new ParameterSet(values)).ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
