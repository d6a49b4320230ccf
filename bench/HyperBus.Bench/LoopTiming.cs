using System.Diagnostics;
using System.Text.Json;
using HyperBus.Core.Trials;

namespace HyperBus.Bench;

/// <summary>
/// Time per suggestion inside a running study: a history of n random trials on Rosenbrock 10-D, then
/// one long-lived sampler asked <c>asks</c> times in a row, each answer evaluated and told. Samplers that
/// cache work between calls (gp's kernel fit, cmaes's replay) are measured as a study uses them: the
/// first ask (a fresh sampler: nothing cached) is reported apart, the mean includes every refit.
/// </summary>
public static class LoopTiming
{
    public static void Run(IEnumerable<string> samplers, IEnumerable<int> histories, int asks, StreamWriter output)
    {
        var problem = Problem.Named("rosenbrock10", null);
        foreach (var n in histories)
        {
            var history = new List<Trial>();
            var seedSampler = BenchSamplers.Create("random", 1, problem.Space);
            for (var i = 0; i < n + asks; i++)
            {
                var c = seedSampler.Suggest(new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history), 1)[0];
                history.Add(AskTellLoop.Completed(i, c, problem.Evaluate(c)));
            }

            foreach (var name in samplers)
            {
                // JIT warm-up on another sampler instance, so the first timed ask is cold only in what it caches.
                BenchSamplers.Create(name, 1, problem.Space).Suggest(new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history[..n]), 1);
                var sampler = BenchSamplers.Create(name, 0, problem.Space);
                var times = new List<double>();
                var study = history[..n];
                for (var a = 0; a < asks; a++)
                {
                    var watch = Stopwatch.StartNew();
                    var config = sampler.Suggest(new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, study), 1)[0];
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    study.Add(AskTellLoop.Completed(study.Count, config, problem.Evaluate(config)));
                }

                var first = times[0];
                var rest = times.Skip(1).Order().ToList();
                var (mean, median, max) = (rest.Average(), rest[rest.Count / 2], rest[^1]);
                output.WriteLine(JsonSerializer.Serialize(new { library = "hyperbus", sampler = name, history = n, mode = "loop", ms = mean, median_ms = median, max_ms = max, first_ms = first, asks }));
                output.Flush();
                Console.WriteLine($"loop {name} n={n}: mean {mean:F2} ms, median {median:F2}, max {max:F2}, first (cold) {first:F2} over {asks} asks");
            }
        }
    }
}
