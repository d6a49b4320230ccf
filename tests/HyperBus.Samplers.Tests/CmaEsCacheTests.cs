using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.CmaEs;

namespace HyperBus.Samplers.Tests;

/// <summary>The cached CMA-ES run must be the run a fresh sampler rebuilds from the store.</summary>
public sealed class CmaEsCacheTests
{
    private static readonly SearchSpace Space = SearchSpace.Create(
        [.. Enumerable.Range(0, 5).Select(j => (Parameter)new FloatParameter($"x{j}", -5, 5)), new IntParameter("k", 1, 20)]);

    private static double Objective(ParameterSet p) =>
        Enumerable.Range(0, 5).Sum(j => Math.Pow(NumericParameter.AsDouble(p[$"x{j}"]) - 1, 2)) + Math.Abs(NumericParameter.AsDouble(p["k"]) - 7);

    [Fact]
    public void A_long_lived_sampler_suggests_what_a_fresh_one_rebuilds_from_the_history() =>
        _ = AssertSameAsRebuilt(Space, Objective, 240);

    [Fact]
    public void The_cache_survives_ipop_restarts()
    {
        // A three-valued axis stalls quickly, so this history goes through several restarts.
        var tiny = SearchSpace.Create([new IntParameter("k", 1, 3)]);
        var sampler = AssertSameAsRebuilt(tiny, p => NumericParameter.AsDouble(p["k"]), 300);
        Assert.True(sampler.CachedRestarts >= 2, $"{sampler.CachedRestarts} restarts");
    }

    [Fact]
    public void A_changed_consumed_trial_makes_the_sampler_rebuild()
    {
        var sampler = new CmaEsSampler(new CmaEsOptions(1));
        var history = StudyHistory.Run(sampler, Space, Objective, 60);
        var altered = history.Select(t => t.Number == 2 ? StudyHistory.Make(2, t.Params, TrialState.Completed, -1000) : t).ToList();
        var view = StudyHistory.View(Space, altered);

        var fromCache = sampler.Suggest(view, 3);
        var rebuilt = new CmaEsSampler(new CmaEsOptions(1)).Suggest(view, 3);

        Assert.Equal(rebuilt, fromCache);
        Assert.NotEqual(new CmaEsSampler(new CmaEsOptions(1)).Suggest(StudyHistory.View(Space, history), 3), rebuilt);
    }

    [Fact]
    public void One_sampler_serves_two_studies_as_two_fresh_ones_would()
    {
        var shared = new CmaEsSampler(new CmaEsOptions(2));
        var a = StudyHistory.Run(new CmaEsSampler(new CmaEsOptions(2)), Space, Objective, 50);
        var b = StudyHistory.Run(new CmaEsSampler(new CmaEsOptions(2)), Space, p => -Objective(p), 50);

        foreach (var history in new[] { a, b, a })
        {
            var view = StudyHistory.View(Space, history);
            Assert.Equal(new CmaEsSampler(new CmaEsOptions(2)).Suggest(view, 2), shared.Suggest(view, 2));
        }
    }

    private static CmaEsSampler AssertSameAsRebuilt(SearchSpace space, Func<ParameterSet, double> objective, int trials)
    {
        var cached = new CmaEsSampler(new CmaEsOptions(3));
        var history = new List<Trial>();
        for (var n = 0; n < trials; n++)
        {
            var view = StudyHistory.View(space, history);
            var p = cached.Suggest(view, 1).Single();
            Assert.Equal(new CmaEsSampler(new CmaEsOptions(3)).Suggest(view, 1).Single(), p);
            var failed = n % 9 == 4;
            history.Add(StudyHistory.Make(n, p, failed ? TrialState.Failed : TrialState.Completed, failed ? null : objective(p)));
        }

        return cached;
    }
}
