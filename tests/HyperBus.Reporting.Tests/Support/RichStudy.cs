using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>A study with every kind of data a report draws: numeric, log and categorical parameters, reports, pruning, failures and generations.</summary>
public static class RichStudy
{
    public const string Space = """
        {"lr": {"type": "float", "low": 0.001, "high": 1, "log": true}, "depth": {"type": "int", "low": 1, "high": 10},
         "kernel": {"choices": ["linear", "rbf"]}}
        """;

    public static StudyBuilder Create(string name = "rich <study>")
    {
        var builder = new StudyBuilder(Space, StudyDirection.Maximize, "accuracy", name);
        var random = new Random(4);
        for (var i = 0; i < 24; i++)
        {
            var lr = Math.Pow(10, -3 + (3 * random.NextDouble()));
            var depth = 1 + random.Next(10);
            var kernel = random.Next(2) == 0 ? "linear" : "rbf";
            var final = 0.5 + (0.4 * (1 - Math.Abs(Math.Log10(lr) + 1.5) / 1.5)) + (0.01 * depth);
            var pruned = i % 5 == 3;
            var steps = pruned ? 3 : 8;
            var reports = Enumerable.Range(1, steps).Select(s => ((long)s, final * (1 - Math.Exp(-s / 2.0)))).ToList();
            var attributes = new Dictionary<string, string> { [TrialAttributeKeys.Generation] = (i / 6).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            builder.Add(pruned ? reports[^1].Item2 : final, new { lr, depth, kernel }, pruned ? TrialState.Pruned : TrialState.Completed, reports, attributes);
        }

        builder.Add(null, new { lr = 0.1, depth = 3, kernel = "rbf" }, TrialState.Failed);
        return builder;
    }
}
