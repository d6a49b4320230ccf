using HyperBus.Core.Trials;

namespace HyperBus.Client.Tests;

public sealed class MultiObjectiveTests
{
    [Fact]
    public async Task Nsga2_is_the_default_with_two_directions_and_returns_a_pareto_front()
    {
        var options = new StudyOptions { Seed = 1, SamplerOptions = new Dictionary<string, object> { ["populationSize"] = 20 } };
        using var study = await Study.CreateAsync("zdt1", [StudyDirection.Minimize, StudyDirection.Minimize], options);
        await study.OptimizeAsync(t =>
        {
            var x = Enumerable.Range(0, 4).Select(i => t.SuggestFloat($"x{i}", 0, 1)).ToArray();
            var g = 1 + (9 * x.Skip(1).Sum() / 3);
            return Task.FromResult<ObjectiveResult>(new[] { x[0], g * (1 - Math.Sqrt(x[0] / g)) });
        }, trials: 400);

        var front = study.BestTrials;
        Assert.True(front.Count >= 10, $"front of {front.Count}");
        // No member of the front dominates another, and every front member has both values stored.
        foreach (var a in front)
        {
            Assert.Equal(2, a.Values!.Count);
            Assert.DoesNotContain(front, b => !ReferenceEquals(a, b) && ParetoDominance.Dominates(b.Values!, a.Values));
        }

        // Close to the true front f2 = 1 - sqrt(f1) after 20 generations.
        Assert.True(front.Average(t => t.Values![1] - (1 - Math.Sqrt(t.Values[0]))) < 0.25);
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        var stored = await study.Store.LoadTrialsAsync(study.Id);
        Assert.Equal(front.Select(t => t.Values), front.Select(t => stored.Single(s => s.Id == t.Id).Values));
    }

    [Fact]
    public async Task A_single_objective_sampler_is_refused_for_two_directions()
    {
        var e = await Assert.ThrowsAsync<Core.Specs.SpecException>(() =>
            Study.CreateAsync("mo-tpe", [StudyDirection.Maximize, StudyDirection.Minimize], new StudyOptions { Sampler = "tpe" }));
        Assert.Contains(e.Errors, x => x.Path == "sampler" && x.Problem.Contains("nsga2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_constrained_study_returns_a_feasible_best()
    {
        // Minimise (x - 3)^2 + (y - 3)^2 subject to x + y <= 2: the unconstrained optimum (3, 3) is infeasible; the best feasible is (1, 1).
        using var study = await Study.CreateAsync("constrained", StudyDirection.Minimize, new StudyOptions { Sampler = "tpe", Seed = 7 });
        await study.OptimizeAsync(t =>
        {
            var x = t.SuggestFloat("x", -2, 4);
            var y = t.SuggestFloat("y", -2, 4);
            return Task.FromResult(ObjectiveResult.Constrained(((x - 3) * (x - 3)) + ((y - 3) * (y - 3)), x + y - 2));
        }, trials: 60);

        var best = study.BestTrial;
        Assert.True(best.IsFeasible);
        Assert.True(best.Params.GetDouble("x") + best.Params.GetDouble("y") <= 2);
        // Infeasible trials with smaller values exist, and are not chosen.
        Assert.Contains(study.Trials, t => !t.IsFeasible && t.Value < best.Value);
        Assert.True(best.Value < 8.0 + 1.5, $"best feasible {best.Value}");
        var stored = (await study.Store.LoadTrialsAsync(study.Id)).Single(t => t.Id == best.Id);
        Assert.Equal(best.Constraints, stored.Constraints);
    }
}
