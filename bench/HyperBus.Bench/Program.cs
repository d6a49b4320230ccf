using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus.Bench;
using HyperBus.Core.Trials;

// Usage:
//   HyperBus.Bench regret  --problems branin,hartmann6 --samplers tpe,gp --seeds 10 --trials 200 --out runs.jsonl [--python /usr/bin/python3 --svc bench/svc_eval.py]
//   HyperBus.Bench frontier --problems mixed,ackley20 --samplers auto,gp --seeds 0-19 [--parallelism 8] [--trials 200] --out runs.jsonl
//   HyperBus.Bench real-eval --problem svc-digits < points.jsonl   (the tabulated real tasks' objective, for bench/frontier/check_real.py)
//   HyperBus.Bench timing  --samplers tpe,gp --history 100,500,1000,2000 --out timing.jsonl
//   HyperBus.Bench timing-loop --samplers gp --history 1000,5000 --asks 64 --out timing.jsonl
var options = ParseOptions(args.Skip(1));
var mode = args.Length > 0 ? args[0] : "regret";
var samplers = Get("samplers", string.Join(",", BenchSamplers.Names)).Split(',');
if (mode == "real-eval")
{
    HyperBus.Bench.Frontier.RealTasks.EvaluateLines(Get("problem", "svc-digits"), Console.In, Console.Out);
    return;
}

using var output = new StreamWriter(Get("out", "runs.jsonl"), append: true);
if (mode == "frontier")
{
    HyperBus.Bench.Frontier.FrontierRun.Execute(options, output);
    return;
}

if (mode == "timing-loop")
{
    LoopTiming.Run(samplers, Get("history", "1000,5000").Split(',').Select(int.Parse), int.Parse(Get("asks", "64"), CultureInfo.InvariantCulture), output);
    return;
}

if (mode == "timing")
{
    // Time per suggestion given a history of n completed random trials on Rosenbrock 10-D (median of repeats).
    var problem = Problem.Named("rosenbrock10", null);
    foreach (var n in Get("history", "100,500,1000,2000").Split(',').Select(int.Parse))
    {
        foreach (var name in samplers)
        {
            var history = new List<Trial>();
            var seedSampler = BenchSamplers.Create("random", 1, problem.Space);
            for (var i = 0; i < n; i++)
            {
                var c = seedSampler.Suggest(new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history), 1)[0];
                history.Add(AskTellLoop.Completed(i, c, problem.Evaluate(c)));
            }

            var sampler = BenchSamplers.Create(name, 0, problem.Space);
            var view = new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history);
            var repeats = int.Parse(Get("repeats", "5"), CultureInfo.InvariantCulture);
            sampler.Suggest(view, 1); // warm-up (JIT)
            var times = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                sampler.Suggest(view, 1);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine(JsonSerializer.Serialize(new { library = "hyperbus", sampler = name, history = n, ms = times[times.Count / 2] }));
            output.Flush();
            Console.WriteLine($"timing {name} n={n}: {times[times.Count / 2]:F2} ms");
        }
    }

    return;
}

var seeds = int.Parse(Get("seeds", "10"), CultureInfo.InvariantCulture);
var trials = int.Parse(Get("trials", "200"), CultureInfo.InvariantCulture);
var problems = Get("problems", "branin,hartmann6,rosenbrock5,rosenbrock10,ackley10,levy10,styblinski10").Split(',');
// "svc" is SVC on digits (3 folds), "svc-iris" the iris-svc-bayes.yaml setting (5 folds); one evaluator serves a run, so not both.
if (problems.Contains("svc") && problems.Contains("svc-iris"))
{
    throw new ArgumentException("run svc and svc-iris separately");
}

using var svc = problems.Any(p => p.StartsWith("svc", StringComparison.Ordinal))
    ? new SvcEvaluator(Get("python", "/usr/bin/python3"), Get("svc", "bench/svc_eval.py"), iris: problems.Contains("svc-iris"))
    : null;
foreach (var problemName in problems)
{
    var problem = Problem.Named(problemName, svc);
    var problemTrials = problemName.StartsWith("svc", StringComparison.Ordinal) ? int.Parse(Get("svc-trials", trials.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture) : trials;
    foreach (var name in samplers)
    {
        for (var seed = 0; seed < seeds; seed++)
        {
            var watch = Stopwatch.StartNew();
            var (best, seconds) = AskTellLoop.Run(BenchSamplers.Create(name, seed, problem.Space), problem, problemTrials);
            output.WriteLine(JsonSerializer.Serialize(new
            {
                library = "hyperbus",
                sampler = name,
                problem = problemName,
                seed,
                optimum = problem.Optimum,
                best,
                suggest_seconds = seconds.Sum(),
            }));
            output.Flush();
            Console.WriteLine($"{problemName} {name} seed {seed}: best {best[^1]:G6} in {watch.Elapsed.TotalSeconds:F1} s");
        }
    }
}

string Get(string key, string fallback) => options.TryGetValue(key, out var v) ? v : fallback;

static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
{
    var list = args.ToList();
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < list.Count; i += 2)
    {
        result[list[i].TrimStart('-')] = list[i + 1];
    }

    return result;
}
