using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

public sealed class OptimizationHistoryTests
{
    [Fact]
    public void Best_so_far_follows_the_minimum_and_skips_unfinished_pruned_and_failed_trials()
    {
        var study = new StudyBuilder()
            .Add(5, new { x = 0.1 }).Add(7, new { x = 0.2 }).Add(3, new { x = 0.3 })
            .Add(1, new { x = 0.4 }, TrialState.Pruned).Add(null, new { x = 0.5 }, TrialState.Failed).Add(null, new { x = 0.6 }, TrialState.Running)
            .Add(4, new { x = 0.7 }).Add(2, new { x = 0.8 }).Build();

        var history = OptimizationHistory.Compute(study.Trials, StudyDirection.Minimize);

        Assert.Equal([0, 1, 2, 6, 7], history.Select(p => p.Number));
        Assert.Equal([5.0, 7, 3, 4, 2], history.Select(p => p.Value));
        Assert.Equal([5.0, 5, 3, 3, 2], history.Select(p => p.BestSoFar));
    }

    [Fact]
    public void When_maximising_the_best_so_far_is_the_running_maximum()
    {
        var study = new StudyBuilder(direction: StudyDirection.Maximize).Add(0.5, new { x = 0.1 }).Add(0.4, new { x = 0.2 }).Add(0.9, new { x = 0.3 }).Add(0.7, new { x = 0.4 }).Build();

        var history = OptimizationHistory.Compute(study.Trials, study.Direction);

        Assert.Equal([0.5, 0.5, 0.9, 0.9], history.Select(p => p.BestSoFar));
    }
}
