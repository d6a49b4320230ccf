using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>The contract every scheduler passes (as Optuna's shared pruner tests): one subclass per scheduler.</summary>
public abstract class SchedulerContractTests
{
    private const int Steps = 30;

    protected abstract IScheduler Create();

    /// <summary>False for a scheduler that never stops anything (FIFO).</summary>
    protected virtual bool Stops => true;

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void A_lone_improving_trial_is_never_stopped(StudyDirection direction)
    {
        var scheduler = Create();
        var sign = direction == StudyDirection.Maximize ? -1 : 1;
        var curve = Enumerable.Range(1, Steps).Select(s => sign * (10.0 / s)).ToArray();
        foreach (var trial in Prefixes(0, curve))
        {
            Assert.Equal(SchedulerAction.Continue, Decide(scheduler, [], trial, direction));
        }
    }

    [Fact]
    public void The_test_history_exercises_stopping()
    {
        // Otherwise the determinism and mirror tests below would compare only Continue with Continue.
        var decisions = Decisions(Create(), Mixed(seed: 1), StudyDirection.Minimize);
        Assert.Equal(Stops, decisions.Contains(SchedulerAction.Stop));
    }

    [Fact]
    public void Same_inputs_give_the_same_decisions()
    {
        var first = Decisions(Create(), Mixed(seed: 1), StudyDirection.Minimize);
        var again = Decisions(Create(), Mixed(seed: 1), StudyDirection.Minimize);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Maximizing_mirrors_minimizing()
    {
        var minimize = Decisions(Create(), Mixed(seed: 2), StudyDirection.Minimize);
        var maximize = Decisions(Create(), Negate(Mixed(seed: 2)), StudyDirection.Maximize);
        Assert.Equal(minimize, maximize);
    }

    [Fact]
    public void Failed_trials_change_no_decision()
    {
        var history = Mixed(seed: 3);
        var withFailures = history.Concat(Enumerable.Range(100, 10).Select(n => Failed(n, [.. Enumerable.Repeat(-1e6, Steps)]))).ToList();
        Assert.Equal(Decisions(Create(), history, StudyDirection.Minimize), Decisions(Create(), withFailures, StudyDirection.Minimize));
    }

    [Fact]
    public void The_budget_is_full_or_positive()
    {
        var budget = Create().BudgetForNewTrial(View(Mixed(seed: 4)));
        Assert.True(budget is null or > 0);
    }

    /// <summary>A running trial after each of its reports, as the saga hands it over.</summary>
    private static IEnumerable<Trial> Prefixes(int number, double[] curve) =>
        Enumerable.Range(1, curve.Length).Select(n => Running(number, curve[..n]));

    /// <summary>The decision at every report of several new trials against <paramref name="history"/>.</summary>
    private static List<SchedulerAction> Decisions(IScheduler scheduler, List<Trial> history, StudyDirection direction)
    {
        var random = new Random(99);
        var result = new List<SchedulerAction>();
        for (var n = 50; n < 56; n++)
        {
            var curve = Noisy(random, random.NextDouble() * 2);
            var sign = direction == StudyDirection.Maximize ? -1 : 1;
            result.AddRange(Prefixes(n, [.. curve.Select(v => sign * v)]).Select(t => Decide(scheduler, history, t, direction)));
        }

        return result;
    }

    /// <summary>Completed, pruned (short), failed and running trials with noisy falling curves.</summary>
    private static List<Trial> Mixed(int seed)
    {
        var random = new Random(seed);
        var trials = new List<Trial>();
        for (var n = 0; n < 24; n++)
        {
            var curve = Noisy(random, random.NextDouble() * 2);
            trials.Add((n % 4) switch
            {
                0 => Completed(n, curve),
                1 => Pruned(n, curve[..(1 + random.Next(Steps / 2))]),
                2 => Failed(n, curve[..(1 + random.Next(Steps))]),
                _ => Running(n, curve[..(1 + random.Next(Steps))]),
            });
        }

        return trials;
    }

    private static double[] Noisy(Random random, double offset) =>
        Enumerable.Range(1, Steps).Select(s => offset + (5.0 / s) + (0.3 * random.NextDouble())).ToArray();

    private static List<Trial> Negate(List<Trial> trials) => trials
        .Select(t => t with { Value = -t.Value, Reports = t.Reports.Select(r => r with { Value = -r.Value }).ToList() })
        .ToList();
}
