using HyperBus.Core.Trials;

namespace HyperBus.Client.Tests;

public sealed class WarmStartTests
{
    [Fact]
    public async Task Enqueued_configurations_run_first_and_in_order()
    {
        using var study = await Study.CreateAsync("enqueue", StudyDirection.Maximize, new StudyOptions { Sampler = "tpe", Seed = 1 });
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.01, ["layers"] = 3, ["act"] = "relu" });
        study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.05, ["layers"] = 1 });
        await study.OptimizeAsync(t =>
        {
            var lr = t.SuggestFloat("lr", 1e-4, 1e-1, log: true);
            var layers = t.SuggestInt("layers", 1, 4);
            var act = t.SuggestCategorical("act", ["relu", "tanh"]);
            return Task.FromResult(-Math.Abs(Math.Log10(lr) + 2) - layers + (act == "relu" ? 1 : 0));
        }, trials: 5);

        var trials = study.Trials;
        Assert.Equal((0.01, 3L, "relu"), (trials[0].Params.GetDouble("lr"), (long)trials[0].Params["layers"], (string)trials[0].Params["act"]));
        Assert.Equal((0.05, 1L), (trials[1].Params.GetDouble("lr"), (long)trials[1].Params["layers"]));
        // The second left out "act": it was sampled.
        Assert.Contains(trials[1].Params["act"], new object[] { "relu", "tanh" });
        Assert.Equal(5, trials.Count);
    }

    [Fact]
    public async Task An_enqueued_value_outside_a_known_distribution_is_refused_by_name()
    {
        using var study = await Study.CreateAsync("enqueue-bad");
        await study.OptimizeAsync(t => Task.FromResult((double)t.SuggestInt("layers", 1, 4)), trials: 1);
        var e = Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<string, object> { ["layers"] = 9 }));
        Assert.Contains("parameter 'layers'", e.Message);
        Assert.Throws<ArgumentException>(() => study.Enqueue(new Dictionary<string, object> { ["when"] = DateTimeOffset.MinValue }));
    }

    [Fact]
    public async Task Evaluated_trials_are_stored_as_completed_and_samplers_learn_from_them()
    {
        using var study = await Study.CreateAsync("x0y0", StudyDirection.Minimize, new StudyOptions
        {
            Sampler = "tpe",
            Seed = 2,
            SamplerOptions = new Dictionary<string, object> { ["nStartupTrials"] = 10 },
        });
        Core.Space.Parameter[] space = [new Core.Space.FloatParameter("x", -10, 10)];
        // x0 / y0: twelve evaluated points of (x - 7)^2, enough for TPE to leave its random start-up.
        foreach (var x in Enumerable.Range(0, 12).Select(i => -10 + (i * 1.7)))
        {
            var added = await study.AddTrialAsync(new Dictionary<string, object> { ["x"] = x }, (x - 7) * (x - 7), space);
            Assert.Equal(TrialState.Completed, added.State);
        }

        await study.OptimizeAsync(t => Task.FromResult(Math.Pow(t.SuggestFloat("x", -10, 10) - 7, 2)), trials: 8);

        // Every new trial was proposed by TPE's model (the warm start put it past start-up) and sits near the good region.
        var fresh = study.Trials.Skip(12).ToList();
        Assert.Equal(8, fresh.Count);
        Assert.True(fresh.Count(t => Math.Abs(t.Params.GetDouble("x") - 7) < 4) >= 6, string.Join(", ", fresh.Select(t => t.Params.GetDouble("x"))));
    }
}
