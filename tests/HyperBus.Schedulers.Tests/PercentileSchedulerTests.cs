using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Percentile;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>Optuna's PercentilePruner: at 25 only the best quarter goes on, at 75 the best three quarters.</summary>
public sealed class PercentileSchedulerTests
{
    // Values 1..5 at step 1: numpy's linear 25th percentile is 2, the 75th is 4.
    private static readonly List<Trial> Others = CompletedAtStep(1, 1, 2, 3, 4, 5);

    [Theory]
    [InlineData(25, 1.9, SchedulerAction.Continue)]
    [InlineData(25, 2.1, SchedulerAction.Stop)]
    [InlineData(75, 3.9, SchedulerAction.Continue)]
    [InlineData(75, 4.1, SchedulerAction.Stop)]
    public void Minimizing_keeps_the_best_percentile(double percentile, double value, SchedulerAction expected)
    {
        var scheduler = new PercentileScheduler(new PercentileSchedulerOptions(percentile));
        Assert.Equal(expected, Decide(scheduler, Others, RunningAt(10, 1, value)));
    }

    [Theory]
    [InlineData(25, 4.1, SchedulerAction.Continue)]
    [InlineData(25, 3.9, SchedulerAction.Stop)]
    [InlineData(75, 2.1, SchedulerAction.Continue)]
    [InlineData(75, 1.9, SchedulerAction.Stop)]
    public void Maximizing_keeps_the_best_percentile(double percentile, double value, SchedulerAction expected)
    {
        var scheduler = new PercentileScheduler(new PercentileSchedulerOptions(percentile));
        Assert.Equal(expected, Decide(scheduler, Others, RunningAt(10, 1, value), StudyDirection.Maximize));
    }

    [Fact]
    public void A_trial_that_reported_only_nan_is_stopped()
    {
        var scheduler = new PercentileScheduler(new PercentileSchedulerOptions(25));
        Assert.Equal(SchedulerAction.Stop, Decide(scheduler, Others, RunningAt(10, 1, double.NaN)));
    }
}
