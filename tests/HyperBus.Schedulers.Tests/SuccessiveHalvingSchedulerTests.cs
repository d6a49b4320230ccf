using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;
using HyperBus.Schedulers.SuccessiveHalving;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>Optuna's asynchronous successive halving: rungs at min * eta^k keep the top 1/eta of the trials that reached them.</summary>
public sealed class SuccessiveHalvingSchedulerTests
{
    private static readonly SuccessiveHalvingScheduler Eta2 = new(new SuccessiveHalvingSchedulerOptions(ResourceOption.Fixed(1), ReductionFactor: 2));

    [Theory]
    [InlineData(3.5, SchedulerAction.Continue)]
    [InlineData(4.0, SchedulerAction.Continue)]
    [InlineData(4.5, SchedulerAction.Stop)]
    public void At_a_rung_the_top_1_over_eta_go_on(double value, SchedulerAction expected)
    {
        // 8 others plus this trial reached rung 0 (step 1): the best 9 / 2 = 4 go on.
        Assert.Equal(expected, Decide(Eta2, CompletedAtStep(1, 1, 2, 3, 4, 5, 6, 7, 8), RunningAt(10, 1, value)));
    }

    [Fact]
    public void Each_rung_compares_only_the_trials_that_reached_it()
    {
        // All 8 reached rung 0; only trials 0 and 1 reached rung 1 (step 2) with 0.5 and 0.6.
        var others = Enumerable.Range(0, 8).Select(i => i < 2 ? Completed(i, i + 1, 0.5 + (0.1 * i)) : Pruned(i, i + 1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, others, Running(10, 1, 0.5)));  // 3 at rung 1: only the best goes on
        Assert.Equal(SchedulerAction.Stop, Decide(Eta2, others, Running(10, 1, 0.55)));
    }

    [Fact]
    public void A_report_that_skips_rungs_is_judged_at_each()
    {
        var others = Enumerable.Range(0, 4).Select(i => Completed(i, 10, 10, 10, 1 + i)).ToList();
        // Steps 1 and 2: the trial is best; step 4: it is worse than 3 of 4 others.
        Assert.Equal(SchedulerAction.Stop, Decide(Eta2, others, RunningAt(10, 4, 3.5)));
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, others, RunningAt(10, 4, 1.5)));
    }

    [Fact]
    public void A_trial_first_at_a_rung_goes_on()
    {
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, CompletedAtStep(1, 1, 2, 3), Running(10, 1, 1, 1, 1, 1, 1, 1, 100)));
    }

    [Fact]
    public void While_a_rung_holds_fewer_than_eta_trials_only_the_best_goes_on()
    {
        var eta4 = new SuccessiveHalvingScheduler(new SuccessiveHalvingSchedulerOptions(ResourceOption.Fixed(1)));
        Assert.Equal(SchedulerAction.Continue, Decide(eta4, CompletedAtStep(1, 1), RunningAt(10, 1, 0.5)));
        Assert.Equal(SchedulerAction.Stop, Decide(eta4, CompletedAtStep(1, 1), RunningAt(10, 1, 2)));
    }

    [Fact]
    public void Maximizing_keeps_the_largest()
    {
        var others = CompletedAtStep(1, 1, 2, 3, 4, 5, 6, 7, 8);
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, others, RunningAt(10, 1, 5.5), StudyDirection.Maximize));
        Assert.Equal(SchedulerAction.Stop, Decide(Eta2, others, RunningAt(10, 1, 4.5), StudyDirection.Maximize));
    }

    [Fact]
    public void Failed_trials_are_not_competitors()
    {
        var others = Enumerable.Range(0, 8).Select(i => Failed(i, 0.1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, others, RunningAt(10, 1, 5)));
    }

    [Fact]
    public void The_early_stopping_rate_moves_the_first_rung()
    {
        var late = new SuccessiveHalvingScheduler(new SuccessiveHalvingSchedulerOptions(ResourceOption.Fixed(1), 2, MinEarlyStoppingRate: 2));
        var others = Enumerable.Range(0, 4).Select(i => Completed(i, 1, 1, 1, 1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(late, others, Running(10, 9, 9, 9)));
        Assert.Equal(SchedulerAction.Stop, Decide(late, others, Running(10, 9, 9, 9, 9)));
    }

    [Fact]
    public void Auto_min_resource_waits_for_a_completed_trial_then_uses_a_hundredth_of_its_steps()
    {
        var auto = new SuccessiveHalvingScheduler(new SuccessiveHalvingSchedulerOptions(ResourceOption.Auto, 2));
        var running = Enumerable.Range(0, 4).Select(i => Running(i, 1, 1, 1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(auto, running, Running(10, 9, 9, 9)));

        var done = Make(5, TrialState.Completed, Curve(Enumerable.Repeat(1.0, 300)), 1); // last step 300: rungs at 3, 6, ...
        Assert.Equal(3.0, auto.MinResource(View([done])));
        Assert.Equal(SchedulerAction.Continue, Decide(auto, [.. running, done], Running(10, 9, 9)));
        Assert.Equal(SchedulerAction.Stop, Decide(auto, [.. running, done], Running(10, 9, 9, 9)));
    }

    [Fact]
    public void A_report_at_an_earlier_step_judges_nothing()
    {
        var others = CompletedAtStep(1, 1, 2, 3, 4, 5, 6, 7, 8);
        var trial = Make(10, TrialState.Running, [new TrialReport(1, 0.5), new TrialReport(1, 100)], null);
        Assert.Equal(SchedulerAction.Continue, Decide(Eta2, others, trial));
    }
}
