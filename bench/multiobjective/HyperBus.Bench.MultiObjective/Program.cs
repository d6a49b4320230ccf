using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus;
using HyperBus.Bench.MultiObjective;
using HyperBus.Core.Trials;

// Runs HyperBus NSGA-II through the library (in-memory store, sequential) and writes one JSON line per run
// with every trial's objectives, so bench/multiobjective/report.py scores both sides with the same code.
var arguments = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => args[x.i + 1], StringComparer.Ordinal);
var problems = arguments.GetValueOrDefault("problems", "zdt1,zdt2,zdt3,bnh").Split(',');
var variants = arguments.GetValueOrDefault("samplers", "nsga2,nsga2-uniform").Split(',');
var seeds = int.Parse(arguments.GetValueOrDefault("seeds", "5"), CultureInfo.InvariantCulture);
var trials = int.Parse(arguments.GetValueOrDefault("trials", "1000"), CultureInfo.InvariantCulture);
var output = arguments.GetValueOrDefault("out", "hyperbus_mo.jsonl");

await using var writer = new StreamWriter(output, append: true);
foreach (var problemName in problems)
{
    var problem = TwoObjectiveProblem.Get(problemName);
    foreach (var variant in variants)
    {
        for (var seed = 0; seed < seeds; seed++)
        {
            var options = new StudyOptions
            {
                Sampler = "nsga2",
                Seed = seed,
                SamplerOptions = new Dictionary<string, object> { ["crossover"] = variant == "nsga2-uniform" ? "uniform" : "sbx" },
            };
            using var study = await Study.CreateAsync($"{problemName}-{variant}-{seed}", [StudyDirection.Minimize, StudyDirection.Minimize], options);
            var clock = Stopwatch.StartNew();
            await study.OptimizeAsync(t =>
            {
                var x = problem.Low.Select((low, i) => t.SuggestFloat($"x{i}", low, problem.High[i])).ToArray();
                return Task.FromResult(new ObjectiveResult(problem.Objectives(x), problem.Constraints?.Invoke(x)));
            }, trials);
            var record = new
            {
                side = "hyperbus",
                sampler = variant,
                problem = problemName,
                seed,
                seconds = clock.Elapsed.TotalSeconds,
                values = study.Trials.Select(t => t.Values),
                feasible = study.Trials.Select(t => t.IsFeasible),
            };
            await writer.WriteLineAsync(JsonSerializer.Serialize(record));
            await writer.FlushAsync();
            Console.Error.WriteLine($"hyperbus {variant} {problemName} seed {seed}: {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
