using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Bohb;
using HyperBus.Schedulers.Common;
using static HyperBus.Schedulers.Tests.Bohb.BohbHistory;

namespace HyperBus.Schedulers.Tests.Bohb;

/// <summary>BOHB's sampler on hand-made histories: random until a budget has a model, then l/g of the largest such budget.</summary>
public sealed class BohbSamplerTests
{
    private static readonly long[] AllRungs = [1, 3, 9, 27];

    private static BohbSchedulerOptions Options(double randomFraction = 0) =>
        new(1, ResourceOption.Fixed(27), 3, Seed: 11, RandomFraction: randomFraction);

    [Fact]
    public void The_budgets_are_the_rungs_up_to_the_max_resource_and_the_max_itself()
    {
        Assert.Equal([1.0, 3, 9, 27], BohbObservations.Budgets(View([]), Options()));
        Assert.Equal([1.0, 3, 9, 27, 30], BohbObservations.Budgets(View([]), Options() with { MaxResource = ResourceOption.Fixed(30) }));
        var auto = Options() with { MaxResource = ResourceOption.Auto };
        Assert.Equal([1.0, 3, 9], BohbObservations.Budgets(View(Bowl(0, 2, 0.5, [1, 3, 9])), auto));
    }

    [Fact]
    public void A_stopped_trial_counts_only_at_the_budgets_it_reached()
    {
        var pruned = Trial(0, TrialState.Pruned, 0.2, "rbf", [1, 2, 3], [0.9, 0.8, 0.7]);
        var failed = Trial(1, TrialState.Failed, 0.4, "rbf", [1, 3, 9], [0.1, 0.1, 0.1]);
        var view = View([pruned, failed]);
        Assert.Equal(0.9, Assert.Single(BohbObservations.At(view, 1, false)).Loss);
        Assert.Equal(0.7, Assert.Single(BohbObservations.At(view, 3, false)).Loss);
        Assert.Empty(BohbObservations.At(view, 9, false));
    }

    [Fact]
    public void Maximized_values_become_losses()
    {
        var view = View([Trial(0, TrialState.Completed, 0.2, "rbf", [1], [0.9])], StudyDirection.Maximize);
        Assert.Equal(-0.9, Assert.Single(BohbObservations.At(view, 1, false)).Loss);
    }

    [Fact]
    public void Without_enough_observations_there_is_no_model_and_draws_are_random()
    {
        // Two dimensions: each density needs more than 2 points, so 5 observations are too few.
        var view = View(Bowl(0, 5, 0.2, AllRungs));
        var sampler = new BohbSampler(Options());
        Assert.Null(sampler.ModelBudget(view));
        var xs = sampler.Suggest(View(Bowl(0, 5, 0.2, AllRungs)), 200).Select(p => (double)p["x"]).ToList();
        Assert.InRange(xs.Average(), 0.4, 0.6);
        Assert.InRange(xs.Count(x => x > 0.5), 70, 130);
    }

    [Fact]
    public void The_model_is_fitted_on_the_largest_budget_with_enough_observations()
    {
        var sampler = new BohbSampler(Options());
        var low = Bowl(0, 30, 0.2, [1, 3]);
        Assert.Equal(3, sampler.ModelBudget(View(low)));

        // Four trials at 27 are not enough for two densities over two dimensions, eight are.
        Assert.Equal(3, sampler.ModelBudget(View([.. low, .. Bowl(30, 4, 0.8, AllRungs)])));
        Assert.Equal(27, sampler.ModelBudget(View([.. low, .. Bowl(30, 8, 0.8, AllRungs)])));
    }

    [Fact]
    public void Proposals_concentrate_where_the_largest_budget_is_good()
    {
        // Cheap budgets say x = 0.2 is good, the full budget says x = 0.8: BOHB trusts the largest budget.
        var history = new List<Trial>([.. Bowl(0, 40, 0.2, [1, 3]), .. Bowl(40, 12, 0.8, AllRungs)]);
        var xs = new BohbSampler(Options()).Suggest(View(history), 40).Select(p => (double)p["x"]).ToList();
        Assert.InRange(xs.Average(), 0.65, 0.95);
        Assert.True(xs.Count(x => Math.Abs(x - 0.8) < 0.2) >= 32, string.Join(", ", xs));

        var cheapOnly = new BohbSampler(Options()).Suggest(View(history.Take(40)), 40).Select(p => (double)p["x"]).ToList();
        Assert.InRange(cheapOnly.Average(), 0.05, 0.35);
    }

    [Fact]
    public void The_random_fraction_keeps_a_share_of_proposals_uniform()
    {
        var view = View([.. Bowl(0, 40, 0.1, AllRungs)]);
        var modelled = new BohbSampler(Options(0)).Suggest(view, 300).Count(p => (double)p["x"] > 0.5);
        var mixed = new BohbSampler(Options(0.5)).Suggest(view, 300).Count(p => (double)p["x"] > 0.5);
        Assert.InRange(modelled, 0, 10);
        Assert.InRange(mixed, 50, 100); // about half random, of which about half above 0.5
    }

    [Fact]
    public void The_good_choice_of_a_categorical_is_preferred()
    {
        var trials = Enumerable.Range(0, 30).Select(n =>
        {
            var kernel = (string)new[] { "linear", "rbf", "poly" }[n % 3];
            return Trial(n, TrialState.Completed, (n + 0.5) / 30, kernel, [27], [kernel == "poly" ? 0.1 : 0.9 + (n * 0.001)]);
        });
        var kernels = new BohbSampler(Options()).Suggest(View(trials), 60).Select(p => (string)p["kernel"]).ToList();
        Assert.True(kernels.Count(k => k == "poly") >= 50, string.Join(", ", kernels));
    }

    [Fact]
    public void Same_seed_and_history_give_the_same_proposals_and_trials_differ_from_each_other()
    {
        var view = View(Bowl(0, 20, 0.3, AllRungs));
        var first = new BohbSampler(Options(0.3)).Suggest(view, 6);
        var again = new BohbSampler(Options(0.3)).Suggest(view, 6);
        Assert.Equal(first, again);
        Assert.Equal(6, first.Distinct().Count());
        Assert.NotEqual(first, new BohbSampler(Options(0.3) with { Seed = 12 }).Suggest(view, 6));
    }

    [Fact]
    public void Conditional_parameters_appear_only_when_active_and_inactive_ones_are_imputed()
    {
        var space = SearchSpace.Create(
        [
            new CategoricalParameter("kernel", ["linear", "poly"]),
            new IntParameter("degree", 2, 5, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["kernel"] = ["poly"] })),
        ]);
        var trials = Enumerable.Range(0, 20).Select(n => new Trial
        {
            Id = Guid.NewGuid(),
            Number = n,
            State = TrialState.Completed,
            Params = n % 2 == 0 ? new ParameterSet([new("kernel", "linear")]) : new ParameterSet([new("kernel", "poly"), new("degree", 2L + (n % 4))]),
            Reports = [new TrialReport(27, n % 2 == 0 ? 1.0 : 0.1 * (n % 4))],
            Value = n % 2 == 0 ? 1.0 : 0.1 * (n % 4),
        });
        var proposals = new BohbSampler(Options()).Suggest(View(trials, space: space), 30);
        Assert.All(proposals, p => Assert.Equal((string)p["kernel"] == "poly", p.ContainsKey("degree")));
        Assert.All(proposals.Where(p => p.ContainsKey("degree")), p => Assert.InRange((long)p["degree"], 2L, 5L));
        Assert.True(proposals.Count(p => (string)p["kernel"] == "poly") >= 20);
    }
}
