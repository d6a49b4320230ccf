using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;
using HyperBus.Schedulers.Hyperband;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>Optuna's HyperbandPruner: Li et al.'s brackets, hashed assignment, successive halving within a bracket.</summary>
public sealed class HyperbandSchedulerTests
{
    private static readonly HyperbandSchedulerOptions Options = new(1, ResourceOption.Fixed(81), 3, Seed: 7);

    [Fact]
    public void The_brackets_for_81_and_eta_3_are_the_published_ones()
    {
        var plan = HyperbandPlan.For(1, 81, 3);
        Assert.Equal(5, plan.BracketCount);
        Assert.Equal(new[] { 4, 3, 2, 1, 0 }, plan.Brackets.Select(b => b.S).ToArray());
        Assert.Equal(new[] { 81, 34, 15, 8, 5 }, plan.Brackets.Select(b => b.Trials).ToArray());
        Assert.Equal(new[] { 1.0, 3, 9, 27, 81 }, plan.Brackets.Select(b => b.Resource).ToArray());
        Assert.Equal(new[] { 1.0, 3, 9, 27, 81 }, plan.Brackets.Select(b => b.FirstRung).ToArray());
    }

    [Fact]
    public void An_exact_power_keeps_its_last_bracket()
    {
        Assert.Equal(6, HyperbandPlan.For(1, 243, 3).BracketCount);
        Assert.Equal(3, HyperbandPlan.For(1, 26, 3).BracketCount);
        Assert.Equal(1, HyperbandPlan.For(10, 20, 3).BracketCount);
    }

    [Fact]
    public void Trials_fill_the_brackets_in_proportion_to_their_sizes()
    {
        var plan = HyperbandPlan.For(1, 81, 3);
        var counts = new int[plan.BracketCount];
        for (var n = 0; n < 14300; n++)
        {
            counts[plan.BracketOf(n, 7)]++;
        }

        foreach (var b in plan.Brackets)
        {
            Assert.InRange(counts[b.Id], b.Trials * 100 * 0.85, b.Trials * 100 * 1.15);
        }

        Assert.Equal(plan.BracketOf(12, 7), HyperbandPlan.For(1, 81, 3).BracketOf(12, 7));
    }

    [Fact]
    public void Only_trials_of_the_same_bracket_compete()
    {
        var plan = HyperbandPlan.For(1, 81, 3);
        var inZero = Enumerable.Range(0, 400).Where(n => plan.BracketOf(n, 7) == 0).ToList();
        var inOne = Enumerable.Range(0, 400).Where(n => plan.BracketOf(n, 7) == 1).ToList();
        var scheduler = new HyperbandScheduler(Options);
        var trial = RunningAt(inZero[^1], 1, 5);

        // Much better trials in bracket 1 do not count against a bracket-0 trial at step 1 ...
        var elsewhere = inOne.Take(5).Select(n => CompletedAt(n, 1, 1)).ToList();
        var worsePeers = inZero.Take(3).Select(n => CompletedAt(n, 1, 9)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(scheduler, [.. elsewhere, .. worsePeers], trial));

        // ... but better ones in its own bracket do.
        var betterPeers = inZero.Take(3).Select(n => CompletedAt(n, 1, 1)).ToList();
        Assert.Equal(SchedulerAction.Stop, Decide(scheduler, [.. elsewhere, .. betterPeers], trial));
    }

    [Fact]
    public void A_later_bracket_starts_pruning_later()
    {
        var plan = HyperbandPlan.For(1, 81, 3);
        var inTwo = Enumerable.Range(0, 400).Where(n => plan.BracketOf(n, 7) == 2).ToList();
        var scheduler = new HyperbandScheduler(Options);
        var peers = inTwo.Take(4).Select(n => Completed(n, [.. Enumerable.Repeat(1.0, 9)])).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(scheduler, peers, RunningAt(inTwo[^1], 3, 100)));
        Assert.Equal(SchedulerAction.Stop, Decide(scheduler, peers, RunningAt(inTwo[^1], 9, 100)));
    }

    [Fact]
    public void Every_trial_gets_the_max_resource_as_budget()
    {
        Assert.Equal(81.0, new HyperbandScheduler(Options).BudgetForNewTrial(View([])));
        Assert.Null(new HyperbandScheduler(Options with { MaxResource = ResourceOption.Auto }).BudgetForNewTrial(View([])));
    }

    [Fact]
    public void Auto_max_resource_waits_for_a_completed_trial()
    {
        var scheduler = new HyperbandScheduler(Options with { MaxResource = ResourceOption.Auto });
        Assert.Null(scheduler.Plan(View([Running(0, 1, 2)])));
        Assert.Equal(5, scheduler.Plan(View([Completed(0, [.. Enumerable.Repeat(1.0, 80)])]))!.BracketCount);
    }
}
