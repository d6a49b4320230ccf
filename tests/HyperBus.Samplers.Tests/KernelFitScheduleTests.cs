using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.GaussianProcess;

namespace HyperBus.Samplers.Tests;

/// <summary>The GP refits its kernel on a schedule and caches the fit; a fresh sampler (a restarted host) must still suggest the same point.</summary>
public sealed class KernelFitScheduleTests
{
    [Fact]
    public void The_refit_point_never_moves_back_and_refits_every_trial_early()
    {
        var previous = 0;
        for (var n = 1; n < 6000; n++)
        {
            var point = GpFitSchedule.RefitPoint(n);
            Assert.InRange(point, previous, n);
            previous = point;
            if (n < GpFitSchedule.EveryTrialUntil)
            {
                Assert.Equal(n, point);
            }
        }

        // About every 3-6 % of the history later on.
        Assert.Equal(1000 - (1000 % 32), GpFitSchedule.RefitPoint(1000));
        Assert.Equal(5000 - (5000 % 256), GpFitSchedule.RefitPoint(5000));
    }

    [Fact]
    public void A_long_lived_gp_and_a_fresh_one_suggest_the_same_points_past_the_every_trial_phase()
    {
        var space = SearchSpace.Create(Enumerable.Range(0, 3).Select(i => (Parameter)new FloatParameter($"x{i}", -2, 2)));
        static double F(ParameterSet p) => p.Values.Sum(v => Math.Pow((double)v - 0.5, 2));
        var options = new GpSamplerOptions(Seed: 4, Candidates: 64, LocalSearches: 1, MaxObservations: 120, FitObservations: 40);
        var history = Enumerable.Range(0, 210)
            .Select(n => { var p = Random.RandomSampler.SampleOne(space, Core.Sampling.TrialRandom.For(9, n)); return StudyHistory.Make(n, p, TrialState.Completed, F(p)); })
            .ToList();
        var longLived = new GpSampler(options);
        for (var n = 210; n < 218; n++)
        {
            var view = StudyHistory.View(space, history);
            var suggested = longLived.Suggest(view, 1).Single();
            Assert.Equal(new GpSampler(options).Suggest(view, 1).Single(), suggested);
            history.Add(StudyHistory.Make(n, suggested, TrialState.Completed, F(suggested)));
        }
    }
}
