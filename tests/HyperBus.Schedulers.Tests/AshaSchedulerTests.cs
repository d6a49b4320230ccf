using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Asha;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>Ray Tune's AsyncHyperBandScheduler, stopping form: milestones, the 1/rf quantile cut-off, no waiting.</summary>
public sealed class AshaSchedulerTests
{
    private static readonly AshaScheduler Rf4 = new(new AshaSchedulerOptions(1, 81, 4));

    [Fact]
    public void Milestones_run_from_the_grace_period_to_max_t()
    {
        var scheduler = new AshaScheduler(new AshaSchedulerOptions(1, 81, 3, Brackets: 2));
        Assert.Equal(new[] { 1.0, 3, 9, 27, 81 }, scheduler.Brackets[0].Milestones.ToArray());
        Assert.Equal(new[] { 3.0, 9, 27, 81 }, scheduler.Brackets[1].Milestones.ToArray());
    }

    [Theory]
    [InlineData(2, SchedulerAction.Continue)]
    [InlineData(10, SchedulerAction.Stop)]
    public void A_trial_is_promoted_without_waiting_for_the_rung_to_fill(double value, SchedulerAction expected)
    {
        // One value recorded at the milestone so far is enough to judge: Ray never waits.
        Assert.Equal(expected, Decide(Rf4, [RunningAt(0, 1, 5)], RunningAt(1, 1, value)));
    }

    [Fact]
    public void The_first_trial_at_a_milestone_goes_on()
    {
        Assert.Equal(SchedulerAction.Continue, Decide(Rf4, [], RunningAt(0, 1, 1e9)));
        Assert.Equal(SchedulerAction.Continue, Decide(Rf4, CompletedAtStep(1, 1, 2, 3), RunningAt(9, 4, 1e9)));
    }

    [Theory]
    [InlineData(2.5, SchedulerAction.Continue)]
    [InlineData(3.0, SchedulerAction.Stop)]
    public void The_cut_off_is_the_top_1_over_rf_quantile(double value, SchedulerAction expected)
    {
        // Rewards -1..-8: the 75th percentile is -2.75, so 2.75 or better goes on.
        Assert.Equal(expected, Decide(Rf4, CompletedAtStep(1, 1, 2, 3, 4, 5, 6, 7, 8), RunningAt(9, 1, value)));
    }

    [Theory]
    [InlineData(6.5, SchedulerAction.Continue)]
    [InlineData(6.0, SchedulerAction.Stop)]
    public void Maximizing_keeps_the_largest(double value, SchedulerAction expected)
    {
        Assert.Equal(expected, Decide(Rf4, CompletedAtStep(1, 1, 2, 3, 4, 5, 6, 7, 8), RunningAt(9, 1, value), StudyDirection.Maximize));
    }

    [Fact]
    public void A_report_past_several_milestones_is_judged_at_the_highest()
    {
        // Others' values at milestone 4 are 1..4 (at 1 they are all 100): judged at 4, the trial is worst.
        var others = Enumerable.Range(0, 4).Select(i => Completed(i, 100, 100, 100, 1 + i)).ToList();
        Assert.Equal(SchedulerAction.Stop, Decide(Rf4, others, RunningAt(9, 5, 50)));
    }

    [Fact]
    public void Failed_trials_are_not_recorded()
    {
        var failed = Enumerable.Range(0, 8).Select(i => Failed(i, 0.1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(Rf4, failed, RunningAt(9, 1, 5)));
    }

    [Fact]
    public void Max_t_is_the_budget_and_a_report_there_is_not_stopped()
    {
        Assert.Equal(81.0, Rf4.BudgetForNewTrial(View([])));
        Assert.Equal(SchedulerAction.Continue, Decide(Rf4, CompletedAtStep(81, 1, 2, 3, 4), RunningAt(9, 81, 100)));
    }

    [Fact]
    public void Brackets_are_assigned_by_a_stable_hash_with_rays_weights()
    {
        var scheduler = new AshaScheduler(new AshaSchedulerOptions(1, 81, 3, Brackets: 2, Seed: 1));
        var inFirst = Enumerable.Range(0, 2000).Count(n => scheduler.BracketOf(n) == 0);
        // Weights e^5 : e^4, so about 73% land in the bracket with more rungs.
        Assert.InRange(inFirst, 1360, 1560);
        Assert.Equal(scheduler.BracketOf(17), new AshaScheduler(new AshaSchedulerOptions(1, 81, 3, Brackets: 2, Seed: 1)).BracketOf(17));
    }
}
