using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Bench.Frontier;

/// <summary>
/// Runs HyperBus samplers on the harder suite: ask a batch of <c>parallelism</c> configurations (the
/// earlier ones of the batch are in the view as running trials), evaluate them, tell them, repeat.
/// With parallelism 1 this is the sequential ask/tell loop.
/// </summary>
public static class FrontierRun
{
    public static void Execute(IReadOnlyDictionary<string, string> options, StreamWriter output)
    {
        string Get(string key, string fallback) => options.TryGetValue(key, out var v) ? v : fallback;
        var problems = Get("problems", string.Join(",", FrontierProblems.Names)).Split(',');
        var samplers = Get("samplers", "auto").Split(',');
        var parallelism = int.Parse(Get("parallelism", "1"), CultureInfo.InvariantCulture);
        var trialsOverride = options.TryGetValue("trials", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : (int?)null;
        foreach (var seed in Seeds(Get("seeds", "0-19")))
        {
            foreach (var name in problems)
            {
                var problem = FrontierProblems.Create(name);
                var budget = trialsOverride ?? FrontierProblems.Budget(name);
                foreach (var samplerName in samplers)
                {
                    var sampler = BenchSamplers.Create(samplerName, seed, problem.Space);
                    var watch = Stopwatch.StartNew();
                    var (best, suggestSeconds, choices) = Run(sampler, problem, budget, parallelism, seed);
                    var label = parallelism == 1 ? samplerName : $"{samplerName}@p{parallelism}";
                    output.WriteLine(JsonSerializer.Serialize(new
                    {
                        library = "hyperbus",
                        sampler = label,
                        problem = name,
                        seed,
                        optimum = problem.Optimum,
                        best,
                        suggest_seconds = suggestSeconds,
                        choices,
                    }));
                    output.Flush();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {name} seed {seed}: {best[^1] - problem.Optimum:G4} ({watch.Elapsed.TotalSeconds:F1} s, suggest {suggestSeconds:F1} s) {string.Join(' ', choices)}"));
                }
            }
        }
    }

    /// <summary>Noiseless value of the best-observed trial after each trial, seconds in Suggest, and the sampler choices a planning sampler named (auto), as "from:name".</summary>
    public static (double[] Best, double SuggestSeconds, List<string> Choices) Run(ISampler sampler, FrontierProblem problem, int budget, int parallelism, int seed)
    {
        var noise = new System.Random((1_000_003 * seed) + 17);
        var history = new List<Trial>(budget);
        var best = new double[budget];
        var (bestSeen, bestTruth) = (double.PositiveInfinity, double.PositiveInfinity);
        var seconds = 0.0;
        var choices = new List<string>();
        string? lastChoice = null;
        while (history.Count < budget)
        {
            var batch = Math.Min(parallelism, budget - history.Count);
            var view = new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history);
            var watch = Stopwatch.StartNew();
            IReadOnlyList<ParameterSet> configs;
            if (sampler is IPlanningSampler planner)
            {
                var plans = planner.Plan(view, batch);
                configs = [.. plans.Select(p => p.Params)];
                var choice = plans.Count > 0 && plans[0].Attributes.TryGetValue("sampler", out var c) ? c : null;
                if (choice is not null && choice != lastChoice)
                {
                    choices.Add($"{history.Count}:{choice}");
                    lastChoice = choice;
                }
            }
            else
            {
                configs = sampler.Suggest(view, batch);
            }

            seconds += watch.Elapsed.TotalSeconds;
            foreach (var config in configs)
            {
                var truth = problem.Truth(config);
                var seen = problem.NoiseStandardDeviation > 0 ? truth + (problem.NoiseStandardDeviation * Gaussian(noise)) : truth;
                history.Add(AskTellLoop.Completed(history.Count, config, seen));
                if (seen < bestSeen)
                {
                    (bestSeen, bestTruth) = (seen, truth);
                }

                best[history.Count - 1] = bestTruth;
            }
        }

        return (best, seconds, choices);
    }

    private static IEnumerable<int> Seeds(string text) => text.Contains('-', StringComparison.Ordinal)
        ? Enumerable.Range(int.Parse(text.Split('-')[0], CultureInfo.InvariantCulture), int.Parse(text.Split('-')[1], CultureInfo.InvariantCulture) - int.Parse(text.Split('-')[0], CultureInfo.InvariantCulture) + 1)
        : text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    private static double Gaussian(System.Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
