using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Nsga2;
using HyperBus.Samplers.Random;

namespace HyperBus.Samplers.Tests.Nsga2;

public sealed class Nsga2SamplerTests
{
    private static readonly StudyDirection[] MinMin = [StudyDirection.Minimize, StudyDirection.Minimize];

    /// <summary>ZDT1's true front gives this hypervolume for the reference point (1.1, 1.1): 1.1 * 0.1 + 0.1 + 2/3.</summary>
    private const double Zdt1OptimalHypervolume = 0.11 + 0.1 + (2.0 / 3.0);

    [Fact]
    public void Non_dominated_sorting_finds_the_fronts()
    {
        var c = Candidates((1, 5), (2, 2), (5, 1), (3, 3), (6, 6), (2, 4));
        var fronts = ParetoDominance.Sort(c);
        Assert.Equal([[0, 1, 2], [3, 5], [4]], fronts);
    }

    [Fact]
    public void Crowding_gives_the_ends_infinity_and_the_inner_points_their_normalised_gap()
    {
        var c = Candidates((0, 4), (1, 2), (3, 1), (4, 0));
        var d = CrowdingDistance.Compute(c, [0, 1, 2, 3]);
        Assert.True(double.IsPositiveInfinity(d[0]) && double.IsPositiveInfinity(d[3]));
        Assert.Equal((3.0 / 4) + (3.0 / 4), d[1], 12);   // neighbours (0,4) and (3,1)
        Assert.Equal((3.0 / 4) + (2.0 / 4), d[2], 12);   // neighbours (1,2) and (4,0)
    }

    [Fact]
    public void A_feasible_trial_dominates_any_infeasible_one_and_less_violation_wins()
    {
        var feasibleButBad = Point(10, 10, [-1]);
        var infeasibleGood = Point(0, 0, [0.5]);
        var infeasibleWorse = Point(0, 0, [0.5, 2]);
        Assert.True(ParetoDominance.ConstrainedDominates(feasibleButBad, infeasibleGood));
        Assert.False(ParetoDominance.ConstrainedDominates(infeasibleGood, feasibleButBad));
        Assert.True(ParetoDominance.ConstrainedDominates(infeasibleGood, infeasibleWorse));
        Assert.Equal(2.5, infeasibleWorse.Violation);
    }

    [Fact]
    public void Maximised_objectives_are_turned_into_losses()
    {
        var t = Trial(0, [3, 4]);
        Assert.Equal([-3, 4], ParetoDominance.Losses(t, [StudyDirection.Maximize, StudyDirection.Minimize])!);
        Assert.Null(ParetoDominance.Losses(t, [StudyDirection.Minimize]));
    }

    [Fact]
    public void Zdt1_front_reaches_within_three_percent_of_the_true_fronts_hypervolume_and_beats_random()
    {
        const int n = 5;
        var space = MultiObjectiveLoop.UnitCube(n);
        var trials = MultiObjectiveLoop.Run(new Nsga2Sampler(new Nsga2Options(Seed: 1, PopulationSize: 20)), space, MinMin,
            p => (MultiObjectiveLoop.Zdt1(p, n), null), 1000);
        var random = MultiObjectiveLoop.Run(new RandomSampler(new RandomSamplerOptions(1)), space, MinMin,
            p => (MultiObjectiveLoop.Zdt1(p, n), null), 1000);

        var hv = Hypervolume(trials);
        var hvRandom = Hypervolume(random);
        Assert.True(hv >= 0.97 * Zdt1OptimalHypervolume, $"NSGA-II hypervolume {hv:F4} vs the optimum {Zdt1OptimalHypervolume:F4}");
        Assert.True(hv > hvRandom + 0.05, $"NSGA-II {hv:F4} vs random {hvRandom:F4}");
    }

    [Fact]
    public void A_constrained_problem_ends_with_a_feasible_front()
    {
        // Minimise (x^2 + y^2, (x - 2)^2 + y^2) subject to x >= 1.2: the feasible front is x in [1.2, 2], y = 0.
        var space = SearchSpace.Create([new FloatParameter("x", -2, 4), new FloatParameter("y", -2, 2)]);
        var trials = MultiObjectiveLoop.Run(new Nsga2Sampler(new Nsga2Options(Seed: 3, PopulationSize: 16)), space, MinMin, p =>
        {
            var (x, y) = (p.GetDouble("x"), p.GetDouble("y"));
            return ([(x * x) + (y * y), ((x - 2) * (x - 2)) + (y * y)], [1.2 - x]);
        }, 320);

        var front = ParetoDominance.ParetoFront(trials, MinMin);
        Assert.True(front.Count >= 5);
        Assert.All(front, t => Assert.True(t.IsFeasible));
        Assert.All(front, t => Assert.InRange(t.Params.GetDouble("x"), 1.2, 2.1));
        // Most of the last generation is feasible: selection pushed the population out of the infeasible region.
        Assert.True(trials.TakeLast(16).Count(t => t.IsFeasible) >= 12);
    }

    [Fact]
    public void Parents_come_from_earlier_generations_only_and_the_cache_agrees_with_a_fresh_computation()
    {
        var space = MultiObjectiveLoop.UnitCube(3);
        var trials = MultiObjectiveLoop.Run(new Nsga2Sampler(new Nsga2Options(Seed: 2, PopulationSize: 8)), space, MinMin,
            p => (MultiObjectiveLoop.Zdt1(p, 3), null), 40);
        var view = new StudyView(Guid.Empty, space, MinMin, trials);

        var parents = Nsga2Population.ParentsOf(view, 5, 8);
        Assert.Equal(8, parents.Count);
        Assert.All(parents, p => Assert.True(p.Candidate.Trial.Number < 40));
        Assert.Equal(parents.Select(p => p.Candidate.Trial.Number), new Nsga2ParentCache().ParentsOf(view, 5, 8).Select(p => p.Candidate.Trial.Number));
        Assert.Empty(Nsga2Population.ParentsOf(view, 0, 8));
    }

    [Fact]
    public void The_factory_reads_options_and_rejects_a_bad_crossover()
    {
        var errors = new List<Core.Specs.SpecError>();
        var options = new System.Text.Json.Nodes.JsonObject { ["populationSize"] = 1, ["crossover"] = "blx" };
        new Nsga2SamplerFactory().ValidateOptions(new Core.Specs.SpecObjectReader(options, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == "sampler.populationSize");
        Assert.Contains(errors, e => e.Path == "sampler.crossover");
        Assert.Contains("nsga2", SamplerCatalog.Default.Types);
    }

    private static double Hypervolume(IEnumerable<Trial> trials) =>
        MultiObjectiveLoop.Hypervolume(trials.Select(t => (t.Values![0], t.Values[1])), 1.1, 1.1);

    private static Trial Trial(int number, double[] values, double[]? constraints = null) => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        State = TrialState.Completed,
        Params = ParameterSet.Empty,
        Value = values[0],
        Values = values,
        Constraints = constraints,
    };

    private static Candidate Point(double f1, double f2, double[]? constraints = null)
    {
        var t = Trial(0, [f1, f2], constraints);
        return new Candidate(t, [f1, f2], ParetoDominance.Violation(t));
    }

    private static List<Candidate> Candidates(params (double F1, double F2)[] points) =>
        [.. points.Select((p, i) => Candidate.From([Trial(i, [p.F1, p.F2])], MinMin)[0])];
}
