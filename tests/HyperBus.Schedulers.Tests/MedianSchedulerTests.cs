using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Median;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>Optuna's MedianPruner on hand-made histories.</summary>
public sealed class MedianSchedulerTests
{
    private static readonly MedianScheduler Default = new(new MedianSchedulerOptions());

    [Fact]
    public void Nothing_is_stopped_before_n_startup_trials_have_completed()
    {
        var four = CompletedAtStep(1, 1, 2, 3, 4);
        Assert.Equal(SchedulerAction.Continue, Decide(Default, four, RunningAt(10, 1, 100)));

        // Running, pruned and failed trials do not count towards the start-up trials.
        var notCompleted = four.Append(Running(5, 1)).Append(Pruned(6, 1)).Append(Failed(7, 1));
        Assert.Equal(SchedulerAction.Continue, Decide(Default, notCompleted, RunningAt(10, 1, 100)));

        var five = CompletedAtStep(1, 1, 2, 3, 4, 5);
        Assert.Equal(SchedulerAction.Stop, Decide(Default, five, RunningAt(10, 1, 100)));
    }

    [Theory]
    [InlineData(2.9, SchedulerAction.Continue)]
    [InlineData(3.0, SchedulerAction.Continue)]
    [InlineData(3.1, SchedulerAction.Stop)]
    public void Exactly_the_trials_worse_than_the_median_are_stopped(double value, SchedulerAction expected)
    {
        Assert.Equal(expected, Decide(Default, CompletedAtStep(1, 1, 2, 3, 4, 5), RunningAt(10, 1, value)));
    }

    [Theory]
    [InlineData(3.1, SchedulerAction.Continue)]
    [InlineData(2.9, SchedulerAction.Stop)]
    public void Maximizing_the_trials_below_the_median_are_stopped(double value, SchedulerAction expected)
    {
        Assert.Equal(expected, Decide(Default, CompletedAtStep(1, 1, 2, 3, 4, 5), RunningAt(10, 1, value), StudyDirection.Maximize));
    }

    [Fact]
    public void The_best_value_so_far_is_compared_not_the_latest()
    {
        var others = Enumerable.Range(0, 5).Select(i => Completed(i, 5, 3 + i)).ToList(); // step 2 median: 5
        Assert.Equal(SchedulerAction.Continue, Decide(Default, others, Running(10, 1, 100)));
        Assert.Equal(SchedulerAction.Stop, Decide(Default, others, Running(10, 6, 100)));
    }

    [Fact]
    public void Nothing_is_stopped_during_the_warm_up()
    {
        var warm = new MedianScheduler(new MedianSchedulerOptions(NWarmupSteps: 3));
        var others = Enumerable.Range(0, 5).Select(i => Completed(i, 1, 1, 1, 1)).ToList();
        Assert.Equal(SchedulerAction.Continue, Decide(warm, others, Running(10, 9, 9)));
        Assert.Equal(SchedulerAction.Stop, Decide(warm, others, Running(10, 9, 9, 9)));
    }

    [Fact]
    public void Checks_happen_once_per_interval()
    {
        var every2 = new MedianScheduler(new MedianSchedulerOptions(IntervalSteps: 2));
        var others = Enumerable.Range(0, 5).Select(i => Completed(i, 1, 1, 1, 1)).ToList();
        Assert.Equal(SchedulerAction.Stop, Decide(every2, others, Running(10, 9, 9)));     // step 2: a check point
        Assert.Equal(SchedulerAction.Continue, Decide(every2, others, Running(10, 9, 9, 9))); // step 3: not one
    }

    [Fact]
    public void A_step_no_completed_trial_reached_stops_nothing()
    {
        Assert.Equal(SchedulerAction.Continue, Decide(Default, CompletedAtStep(1, 1, 2, 3, 4, 5), RunningAt(10, 7, 100)));
    }

    [Fact]
    public void Pruned_and_failed_trials_do_not_move_the_median()
    {
        var others = CompletedAtStep(1, 1, 2, 3, 4, 5)
            .Append(Pruned(5, 100)).Append(Pruned(6, 100)).Append(Failed(7, 100)).Append(Failed(8, 100)).Append(Failed(9, 100));
        Assert.Equal(SchedulerAction.Stop, Decide(Default, others, RunningAt(10, 1, 3.5)));
    }

    [Fact]
    public void N_min_trials_guards_thinly_reported_steps()
    {
        var scheduler = new MedianScheduler(new MedianSchedulerOptions(NMinTrials: 6));
        Assert.Equal(SchedulerAction.Continue, Decide(scheduler, CompletedAtStep(1, 1, 2, 3, 4, 5), RunningAt(10, 1, 100)));
    }
}
