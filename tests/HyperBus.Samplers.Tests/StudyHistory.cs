using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tests;

/// <summary>Builds study views for tests: an ask/tell loop and hand-made trials in every state.</summary>
internal static class StudyHistory
{
    public static StudyView View(SearchSpace space, IReadOnlyList<Trial> trials, StudyDirection direction = StudyDirection.Minimize) =>
        new(Guid.Empty, space, direction, trials);

    public static Trial Make(int number, ParameterSet p, TrialState state, double? value, IReadOnlyList<TrialReport>? reports = null) => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        State = state,
        Params = p,
        Value = value,
        Reports = reports ?? [],
    };

    /// <summary>Runs <paramref name="trials"/> sequential trials and returns them.</summary>
    public static List<Trial> Run(ISampler sampler, SearchSpace space, Func<ParameterSet, double> objective, int trials)
    {
        var history = new List<Trial>();
        for (var n = 0; n < trials; n++)
        {
            var p = sampler.Suggest(View(space, history), 1).Single();
            history.Add(Make(n, p, TrialState.Completed, objective(p)));
        }

        return history;
    }

    /// <summary>A history where every fourth trial failed, every fourth was pruned with reports and the last two still run.</summary>
    public static List<Trial> Mixed(SearchSpace space, Func<ParameterSet, double> objective, int trials, int seed = 5)
    {
        var history = new List<Trial>();
        for (var n = 0; n < trials; n++)
        {
            var p = Random.RandomSampler.SampleOne(space, TrialRandom.For(seed, n));
            var value = objective(p);
            history.Add((n % 4, n >= trials - 2) switch
            {
                (_, true) => Make(n, p, TrialState.Running, null),
                (1, _) => Make(n, p, TrialState.Failed, null),
                (2, _) => Make(n, p, TrialState.Pruned, value + 1, [new TrialReport(1, value + 2), new TrialReport(2, value + 1)]),
                _ => Make(n, p, TrialState.Completed, value),
            });
        }

        return history;
    }
}
