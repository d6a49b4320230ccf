using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

public sealed class IntermediateAndGenerationTests
{
    [Fact]
    public void Pruned_trials_are_cut_short_at_their_last_report()
    {
        var study = new StudyBuilder()
            .Add(0.2, new { x = 0.1 }, reports: [(1, 0.9), (2, 0.5), (3, 0.3), (4, 0.2)])
            .Add(0.8, new { x = 0.2 }, TrialState.Pruned, reports: [(1, 0.95), (2, 0.8)])
            .Add(0.4, new { x = 0.3 })                                  // no reports: not a series
            .Add(null, new { x = 0.4 }, TrialState.Running, reports: [(2, 0.7), (1, double.NaN)])
            .Build();

        var series = IntermediateSeries.Compute(study.Trials);

        Assert.Equal([0, 1, 3], series.Select(s => s.Number));
        Assert.Equal(4, series[0].LastStep);
        Assert.True(series[1].IsPruned);
        Assert.Equal(2, series[1].LastStep);
        Assert.True(series[1].LastStep < series[0].LastStep);
        Assert.Equal([2L], series[2].Steps);                      // the NaN report is dropped
    }

    [Fact]
    public void Best_per_generation_comes_from_the_generation_attribute()
    {
        Dictionary<string, string> Gen(int g) => new() { [TrialAttributeKeys.Generation] = g.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var study = new StudyBuilder()
            .Add(5, new { x = 0.1 }, attributes: Gen(0)).Add(3, new { x = 0.2 }, attributes: Gen(0))
            .Add(4, new { x = 0.3 }, attributes: Gen(1)).Add(6, new { x = 0.4 }, attributes: Gen(1))
            .Add(1, new { x = 0.5 }, attributes: Gen(2)).Add(null, new { x = 0.6 }, TrialState.Failed, attributes: Gen(2))
            .Add(0, new { x = 0.7 })                                    // no generation: not counted
            .Build();

        var generations = GenerationProgress.Compute(study.Trials, StudyDirection.Minimize);

        Assert.Equal([0, 1, 2], generations.Select(g => g.Generation));
        Assert.Equal([3.0, 4, 1], generations.Select(g => g.Best));
        Assert.Equal([4.0, 5, 1], generations.Select(g => g.Mean));
        Assert.Equal([3.0, 3, 1], generations.Select(g => g.BestSoFar));
        Assert.Equal([2, 2, 1], generations.Select(g => g.Trials));
        Assert.Empty(GenerationProgress.Compute(new StudyBuilder().Add(1, new { x = 0.1 }).Build().Trials, StudyDirection.Minimize));
    }
}
