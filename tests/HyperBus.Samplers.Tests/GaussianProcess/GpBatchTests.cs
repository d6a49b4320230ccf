using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.GaussianProcess;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.Tests.GaussianProcess;

/// <summary>The GP's batches: pending points are fantasised, later batch points follow confidence bounds, a batch spreads out, and a sequential study asks what it always asked.</summary>
public sealed class GpBatchTests
{
    private static readonly SearchSpace Square =
        SearchSpace.Create([new FloatParameter("x", -2, 2), new FloatParameter("y", -2, 2)]);

    private static double Bowl(ParameterSet p) => Math.Pow(p.GetDouble("x") - 0.7, 2) + Math.Pow(p.GetDouble("y") + 0.4, 2);

    private static GpSampler Gp(GpBatchAcquisition batch = GpBatchAcquisition.ConfidenceBounds, int seed = 3) =>
        new(new GpSamplerOptions(seed, Candidates: 128, LocalSearches: 2, Batch: batch));

    private static List<Trial> History(int n, int seed = 11) => [.. Enumerable.Range(0, n).Select(i =>
    {
        var p = Random.RandomSampler.SampleOne(Square, TrialRandom.For(seed, i));
        return StudyHistory.Make(i, p, TrialState.Completed, Bowl(p));
    })];

    private static double Distance(ParameterSet a, ParameterSet b) =>
        Math.Sqrt(Math.Pow(a.GetDouble("x") - b.GetDouble("x"), 2) + Math.Pow(a.GetDouble("y") - b.GetDouble("y"), 2));

    [Theory]
    [InlineData(GpBatchAcquisition.ConfidenceBounds)]
    [InlineData(GpBatchAcquisition.Fantasies)]
    public void A_batch_of_eight_is_distinct_and_spread_out(GpBatchAcquisition rule)
    {
        var batch = Gp(rule).Suggest(StudyHistory.View(Square, History(20)), 8);

        Assert.Equal(8, batch.Count);
        var closest = batch.SelectMany((a, i) => batch.Skip(i + 1).Select(b => Distance(a, b))).Min();
        // The bowl's minimum is one point; without accounting for each other all eight would sit on it.
        Assert.True(closest > 1e-3, $"two batch points {closest} apart");
    }

    [Fact]
    public void The_second_point_of_a_batch_is_where_the_gp_believes_the_minimum_is()
    {
        // κ = 0 for the second point: the posterior mean's minimiser, which 20 trials on a bowl put near (0.7, -0.4).
        var batch = Gp().Suggest(StudyHistory.View(Square, History(20)), 3);
        var minimum = new ParameterSet(new Dictionary<string, object> { ["x"] = 0.7, ["y"] = -0.4 });

        Assert.True(Distance(batch[1], minimum) < 0.1, $"second point {Distance(batch[1], minimum)} from the minimum");
        // The third point explores a little (κ = 0.25) on a GP that believes the second one already: not the same point.
        Assert.True(Distance(batch[1], batch[2]) > 1e-3, $"third point {Distance(batch[1], batch[2])} from the second");
    }

    [Fact]
    public void Only_the_later_points_of_a_batch_change_with_the_rule()
    {
        // The first point of an ask is EI under both rules (fantasy-averaged over the running trial here).
        var history = History(20);
        history.Add(StudyHistory.Make(20, history[4].Params, TrialState.Running, null));
        var view = StudyHistory.View(Square, history);

        var bounds = Gp(GpBatchAcquisition.ConfidenceBounds).Suggest(view, 3);
        var fantasies = Gp(GpBatchAcquisition.Fantasies).Suggest(view, 3);

        Assert.Equal(fantasies[0], bounds[0]);
        Assert.NotEqual(fantasies[1], bounds[1]);
    }

    [Fact]
    public void A_running_trial_moves_the_next_suggestion_away_from_it()
    {
        var history = History(20);
        var alone = Gp().Suggest(StudyHistory.View(Square, history), 1).Single();
        history.Add(StudyHistory.Make(20, alone, TrialState.Running, null));

        var next = Gp().Suggest(StudyHistory.View(Square, history), 1).Single();

        Assert.True(Distance(alone, next) > 1e-3, $"suggested the running point again ({Distance(alone, next)} away)");
    }

    [Fact]
    public void Sequential_asks_are_the_same_under_every_batch_rule()
    {
        // With nothing pending every rule is plain log EI, so the trace of a sequential study must not move
        // (pruned trials included: they enter the GP at the worst loss under all).
        var bounds = Gp(GpBatchAcquisition.ConfidenceBounds);
        var fantasies = Gp(GpBatchAcquisition.Fantasies);
        var liar = Gp(GpBatchAcquisition.ConstantLiar);
        var history = History(12);
        history.Add(StudyHistory.Make(12, history[3].Params, TrialState.Pruned, 5));
        for (var n = 13; n < 25; n++)
        {
            var view = StudyHistory.View(Square, history);
            var suggested = bounds.Suggest(view, 1).Single();
            Assert.Equal(fantasies.Suggest(view, 1).Single(), suggested);
            Assert.Equal(liar.Suggest(view, 1).Single(), suggested);
            history.Add(StudyHistory.Make(n, suggested, TrialState.Completed, Bowl(suggested)));
        }
    }

    [Fact]
    public void A_batch_that_completes_the_design_takes_only_the_missing_sobol_points()
    {
        var history = History(8);
        var view = StudyHistory.View(Square, history);

        var batch = Gp().Suggest(view, 8);

        var sobol = new SobolSampler(new SobolSamplerOptions(3)).Suggest(view, 8);
        Assert.Equal(sobol.Take(2), batch.Take(2));
        Assert.NotEqual(sobol.Skip(2), batch.Skip(2));
        // One at a time a study still asks Sobol' points until ten have completed.
        var nine = StudyHistory.View(Square, History(9));
        Assert.Equal(new SobolSampler(new SobolSamplerOptions(3)).Suggest(nine, 1).Single(), Gp().Suggest(nine, 1).Single());
    }
}
