using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;

namespace HyperBus.Trainers.Tests.MLNet;

/// <summary>With a budget, LightGbm reports the cross-validated accuracy by boosting rounds, so schedulers can prune it.</summary>
public sealed class LightGbmRoundsTests
{
    private static readonly object Wine = new { dataset = "wine", folds = 3 };
    private static readonly object Sampled = new { learningRate = 0.05, numberOfLeaves = 4, minimumExampleCountPerLeaf = 10 };

    [Fact]
    public async Task A_budgeted_trial_reports_at_growing_round_counts_each_scored_as_that_many_rounds()
    {
        var reports = new List<(long Step, double Value)>();
        var context = Trials.Context(Sampled, Wine, new TrialBudget("rounds", 32), (step, value) =>
        {
            reports.Add((step, value));
            return TrialAction.Continue;
        });

        var result = await new LightGbmTrainer().TrainAsync(context, default);

        Assert.Equal([2L, 4, 8, 16, 32], reports.Select(r => r.Step));
        var eight = await Trials.RunAsync(new LightGbmTrainer(), new { learningRate = 0.05, numberOfLeaves = 4, minimumExampleCountPerLeaf = 10, numberOfIterations = 8 }, Wine);
        var full = await Trials.RunAsync(new LightGbmTrainer(), new { learningRate = 0.05, numberOfLeaves = 4, minimumExampleCountPerLeaf = 10, numberOfIterations = 32 }, Wine);
        Assert.Equal(eight.Value, reports[2].Value);
        Assert.Equal(full.Metrics, result.Metrics);
        Assert.Equal(result.Value, reports[^1].Value);
        Assert.True(reports[^1].Value > reports[0].Value, "more rounds should score better on wine");
    }

    [Fact]
    public async Task A_stop_ends_the_trial_with_the_stage_it_was_told_at()
    {
        var steps = new List<long>();
        double last = 0;
        var context = Trials.Context(Sampled, Wine, new TrialBudget("rounds", 64), (step, value) =>
        {
            steps.Add(step);
            last = value;
            return step >= 8 ? TrialAction.Stop : TrialAction.Continue;
        });

        var result = await new LightGbmTrainer().TrainAsync(context, default);

        Assert.Equal([4L, 8], steps);
        Assert.Equal(last, result.Value);
    }

    [Fact]
    public async Task Without_a_budget_it_still_reports_after_each_fold()
    {
        var steps = new List<long>();
        var context = Trials.Context(new { numberOfIterations = 5 }, Wine, onReport: (step, _) =>
        {
            steps.Add(step);
            return TrialAction.Continue;
        });

        await new LightGbmTrainer().TrainAsync(context, default);

        Assert.Equal([1L, 2, 3], steps);
    }
}
