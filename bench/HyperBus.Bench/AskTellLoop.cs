using System.Diagnostics;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Bench;

/// <summary>Runs a sampler sequentially against a problem, in process: ask one configuration, evaluate it, record it.</summary>
public static class AskTellLoop
{
    /// <summary>Best value after each trial, and seconds spent in Suggest for each trial.</summary>
    public static (double[] BestSoFar, double[] SuggestSeconds) Run(ISampler sampler, Problem problem, int trials)
    {
        var history = new List<Trial>(trials);
        var best = new double[trials];
        var seconds = new double[trials];
        var incumbent = double.PositiveInfinity;
        for (var n = 0; n < trials; n++)
        {
            var view = new StudyView(Guid.Empty, problem.Space, StudyDirection.Minimize, history);
            var watch = Stopwatch.StartNew();
            var config = sampler.Suggest(view, 1)[0];
            seconds[n] = watch.Elapsed.TotalSeconds;
            var value = problem.Evaluate(config);
            history.Add(Completed(n, config, value));
            incumbent = Math.Min(incumbent, value);
            best[n] = incumbent;
        }

        return (best, seconds);
    }

    public static Trial Completed(int number, ParameterSet config, double value) => new()
    {
        Id = Guid.Empty,
        Number = number,
        State = TrialState.Completed,
        Params = config,
        Value = value,
    };
}
