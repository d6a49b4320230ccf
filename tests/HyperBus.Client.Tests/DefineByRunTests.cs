using HyperBus.Core.Trials;

namespace HyperBus.Client.Tests;

public sealed class DefineByRunTests
{
    /// <summary>An SVC-like conditional objective: gamma only exists for rbf, degree only for poly.</summary>
    private static async Task<double> Svc(RunningTrial trial)
    {
        var kernel = trial.SuggestCategorical("kernel", ["rbf", "poly", "linear"]);
        var c = trial.SuggestFloat("C", 1e-3, 1e3, log: true);
        var loss = Math.Pow(Math.Log10(c) - 1, 2);
        if (kernel == "rbf")
        {
            var gamma = trial.SuggestFloat("gamma", 1e-4, 1, log: true);
            loss += Math.Pow(Math.Log10(gamma) + 2, 2);
        }
        else if (kernel == "poly")
        {
            loss += 1 + trial.SuggestInt("degree", 2, 5);
        }
        else
        {
            loss += 0.5;
        }

        await Task.Yield();
        return loss;
    }

    [Fact]
    public async Task A_conditional_space_is_discovered_as_the_objective_runs()
    {
        using var study = await Study.CreateAsync("svc", StudyDirection.Minimize, new StudyOptions { Sampler = "tpe", Seed = 3 });
        await study.OptimizeAsync(Svc, trials: 40);

        Assert.Equal(40, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(["C", "degree", "gamma", "kernel"], study.Space.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var t in study.Trials)
        {
            var kernel = (string)t.Params["kernel"];
            Assert.Equal(kernel == "rbf", t.Params.ContainsKey("gamma"));
            Assert.Equal(kernel == "poly", t.Params.ContainsKey("degree"));
            Assert.InRange(t.Params.GetDouble("C"), 1e-3, 1e3);
        }

        // Every branch was explored, and TPE found something close to the rbf optimum (loss 0 at C = 10, gamma = 0.01).
        Assert.Contains(study.Trials, t => (string)t.Params["kernel"] == "poly");
        Assert.Contains(study.Trials, t => (string)t.Params["kernel"] == "linear");
        Assert.True(study.BestValue < 0.6, $"best {study.BestValue}");
        Assert.Equal(study.Trials.Min(t => t.Value), study.BestValue);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("sobol")]
    [InlineData("gp")]
    [InlineData("cmaes")]
    [InlineData("nsga2")]
    public async Task Every_single_objective_sampler_runs_a_conditional_define_by_run_objective(string sampler)
    {
        var options = new StudyOptions { Sampler = sampler, Seed = 1 };
        if (sampler == "gp")
        {
            options = options with { SamplerOptions = new Dictionary<string, object> { ["nStartupTrials"] = 4, ["candidates"] = 64 } };
        }

        using var study = await Study.CreateAsync($"any-{sampler}", StudyDirection.Minimize, options);
        await study.OptimizeAsync(Svc, trials: 14);

        Assert.Equal(14, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.All(study.Trials, t => Assert.Equal((string)t.Params["kernel"] == "rbf", t.Params.ContainsKey("gamma")));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_trials()
    {
        async Task<List<string>> RunAsync()
        {
            using var study = await Study.CreateAsync("seeded", options: new StudyOptions { Sampler = "tpe", Seed = 5, SamplerOptions = new Dictionary<string, object> { ["nStartupTrials"] = 5 } });
            await study.OptimizeAsync(Svc, trials: 15);
            return [.. study.Trials.Select(t => t.Params.ToString())];
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task A_name_suggested_with_another_distribution_is_an_error_naming_it()
    {
        using var study = await Study.CreateAsync("clash");
        await study.OptimizeAsync(t => Task.FromResult(t.SuggestFloat("lr", 1e-4, 1e-1, log: true)), trials: 2);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => study.OptimizeAsync(t => Task.FromResult((double)t.SuggestInt("lr", 1, 5)), trials: 1));
        Assert.Contains("parameter 'lr'", e.Message);
        Assert.Contains("float [0.0001, 0.1] log", e.Message);
        // The failing trial is recorded as failed, not left running.
        Assert.Equal(TrialState.Failed, study.Trials[^1].State);
    }

    [Fact]
    public async Task Bad_arguments_name_the_parameter()
    {
        using var study = await Study.CreateAsync("bad");
        var trial = await study.AskAsync();
        Assert.Contains("'lr'", Assert.Throws<ArgumentException>(() => trial.SuggestFloat("lr", 0, 1, log: true)).Message);
        Assert.Contains("'n'", Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 5, 1)).Message);
        Assert.Contains("'k'", Assert.Throws<ArgumentException>(() => trial.SuggestCategorical<string>("k", [])).Message);
        Assert.Contains("study:", (await Assert.ThrowsAsync<ArgumentException>(() => Study.CreateAsync("no spaces"))).Message);
        var options = new StudyOptions { Sampler = "tpe", SamplerOptions = new Dictionary<string, object> { ["nStartupTrial"] = 5 } };
        var spec = await Assert.ThrowsAsync<Core.Specs.SpecException>(() => Study.CreateAsync("typo", options: options));
        Assert.Contains(spec.Errors, x => x.Path == "sampler.nStartupTrial");
    }

    [Fact]
    public async Task A_pruner_stops_bad_trials_through_reports()
    {
        using var study = await Study.CreateAsync("pruned", StudyDirection.Minimize, new StudyOptions
        {
            Seed = 1,
            Scheduler = "median",
            SchedulerOptions = new Dictionary<string, object> { ["nStartupTrials"] = 3, ["nWarmupSteps"] = 1 },
        });
        await study.OptimizeAsync(async t =>
        {
            var x = t.SuggestFloat("x", 0, 10);
            for (var step = 1; step <= 5; step++)
            {
                await t.ReportAsync(step, x + (1.0 / step));
                t.ThrowIfShouldPrune();
            }

            return x;
        }, trials: 30);

        var pruned = study.Trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.NotEmpty(pruned);
        // A pruned trial keeps its reports and its last value; the best trial is a completed one.
        Assert.All(pruned, t => Assert.Equal(t.Reports[^1].Value, t.Value));
        Assert.Equal(TrialState.Completed, study.BestTrial.State);
    }

    [Fact]
    public async Task Parallel_workers_run_every_trial_once()
    {
        using var study = await Study.CreateAsync("parallel", StudyDirection.Maximize, new StudyOptions { Seed = 2 });
        var running = 0;
        var peak = 0;
        await study.OptimizeAsync(async t =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            var x = t.SuggestFloat("x", -1, 1);
            await Task.Delay(20);
            Interlocked.Decrement(ref running);
            return -x * x;
        }, trials: 12, parallelism: 3);

        Assert.Equal(Enumerable.Range(0, 12), study.Trials.Select(t => t.Number));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.True(peak >= 2, $"peak concurrency {peak}");
        Assert.Equal(Core.Storage.StudyStatus.Completed, (await study.Store.GetStudyAsync(study.Id))!.Status);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
