using HyperBus.Core.Scheduling;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Patience;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests;

/// <summary>
/// Optuna's PatientPruner: stop when the best of the last patience + 1 steps is worse than the best
/// before them by more than minDelta (a tolerance, so a flat curve is not stopped).
/// </summary>
public sealed class PatienceSchedulerTests
{
    [Theory]
    [InlineData(new[] { 5, 4, 3, 3.5, 3.2 }, SchedulerAction.Continue)] // too few steps to judge
    [InlineData(new[] { 5, 4, 3, 3.5, 3.2, 3.1 }, SchedulerAction.Stop)]
    [InlineData(new[] { 5, 4, 3, 3.5, 3.2, 2.9 }, SchedulerAction.Continue)]
    [InlineData(new[] { 5, 4, 3.0, 3, 3, 3 }, SchedulerAction.Continue)]
    public void Minimizing_stops_after_patience_steps_worse_than_before(double[] curve, SchedulerAction expected)
    {
        var scheduler = new PatienceScheduler(new PatienceSchedulerOptions(2));
        Assert.Equal(expected, Decide(scheduler, [], Running(0, curve)));
    }

    [Fact]
    public void Maximizing_mirrors_minimizing()
    {
        var scheduler = new PatienceScheduler(new PatienceSchedulerOptions(2));
        Assert.Equal(SchedulerAction.Stop, Decide(scheduler, [], Running(0, -5, -4, -3, -3.5, -3.2, -3.1), StudyDirection.Maximize));
        Assert.Equal(SchedulerAction.Continue, Decide(scheduler, [], Running(0, -5, -4, -3, -3.5, -3.2, -2.9), StudyDirection.Maximize));
    }

    [Fact]
    public void Min_delta_tolerates_a_small_setback()
    {
        var tolerant = new PatienceScheduler(new PatienceSchedulerOptions(2, MinDelta: 0.2));
        Assert.Equal(SchedulerAction.Continue, Decide(tolerant, [], Running(0, 5, 4, 3, 3.5, 3.2, 3.1)));
        Assert.Equal(SchedulerAction.Stop, Decide(tolerant, [], Running(0, 5, 4, 3, 3.5, 3.3, 3.25)));
    }
}
