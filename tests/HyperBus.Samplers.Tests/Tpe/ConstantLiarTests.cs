using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Tpe;

namespace HyperBus.Samplers.Tests.Tpe;

/// <summary>
/// Optuna's constant liar: running trials count as bad ones, so parallel suggestions spread out instead of piling
/// onto the point that looks best. Without these tests, removing the liar passed every test.
/// </summary>
public sealed class ConstantLiarTests
{
    private static readonly SearchSpace Space = SearchSpace.Create([new FloatParameter("x", 0, 1)]);

    [Fact]
    public void Running_trials_push_suggestions_away_from_where_they_run()
    {
        var trials = History();
        // Ten trials already run right at the best region (x = 0.3): the liar must steer away from it.
        trials.AddRange(Enumerable.Range(0, 10).Select(i => StudyHistory.Make(40 + i, P(0.3 + (i * 0.001)), TrialState.Running, null)));
        var view = StudyHistory.View(Space, trials);

        var honest = DistanceFrom(0.3, new TpeSampler(new TpeOptions(Seed: 3, ConstantLiar: false)).Suggest(view, 20));
        var liar = DistanceFrom(0.3, new TpeSampler(new TpeOptions(Seed: 3, ConstantLiar: true)).Suggest(view, 20));

        Assert.True(liar > 2 * honest, $"mean distance from the running trials: {liar:F3} with the liar, {honest:F3} without");
    }

    [Fact]
    public void One_batch_spreads_out_when_each_suggestion_counts_as_running()
    {
        var view = StudyHistory.View(Space, History());

        var honest = Spread(new TpeSampler(new TpeOptions(Seed: 4, ConstantLiar: false)).Suggest(view, 12));
        var liar = Spread(new TpeSampler(new TpeOptions(Seed: 4, ConstantLiar: true)).Suggest(view, 12));

        Assert.True(liar > honest, $"spread of one batch of 12: {liar:F3} with the liar, {honest:F3} without");
    }

    [Fact]
    public void Without_running_trials_and_for_one_suggestion_the_liar_changes_nothing()
    {
        var view = StudyHistory.View(Space, History());

        Assert.Equal(
            new TpeSampler(new TpeOptions(Seed: 5, ConstantLiar: false)).Suggest(view, 1),
            new TpeSampler(new TpeOptions(Seed: 5, ConstantLiar: true)).Suggest(view, 1));
    }

    /// <summary>40 finished trials spread over [0, 1] on (x - 0.3)^2.</summary>
    private static List<Trial> History() =>
        Enumerable.Range(0, 40).Select(i =>
        {
            var x = (i + 0.5) / 40;
            return StudyHistory.Make(i, P(x), TrialState.Completed, (x - 0.3) * (x - 0.3));
        }).ToList();

    private static ParameterSet P(double x) => new(new Dictionary<string, object> { ["x"] = x });

    private static double DistanceFrom(double x, IReadOnlyList<ParameterSet> suggestions) =>
        suggestions.Average(s => Math.Abs((double)s["x"] - x));

    private static double Spread(IReadOnlyList<ParameterSet> suggestions)
    {
        var xs = suggestions.Select(s => (double)s["x"]).ToList();
        var mean = xs.Average();
        return Math.Sqrt(xs.Average(x => (x - mean) * (x - mean)));
    }
}
