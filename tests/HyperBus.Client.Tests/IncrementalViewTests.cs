using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Random;

namespace HyperBus.Client.Tests;

/// <summary>The study's incremental views (no copy per ask) show samplers and callers the same study a copy would.</summary>
public sealed class IncrementalViewTests
{
    [Fact]
    public async Task Each_ask_shows_the_sampler_every_trial_before_it_with_its_last_state()
    {
        var seen = new List<(int Count, int Next, int Completed, int Running)>();
        var options = new StudyOptions
        {
            Seed = 1,
            SamplerFactory = space => new RecordingSampler(new RandomSampler(new RandomSamplerOptions(1)), view =>
                seen.Add((view.Trials.Count, view.NextTrialNumber, view.Completed.Count(), view.Running.Count()))),
        };
        using var study = await Study.CreateAsync("views", StudyDirection.Minimize, options);
        var held = await study.AskAsync([new FloatParameter("x", 0, 1)]);

        await study.OptimizeAsync(t => Task.FromResult(t.SuggestFloat("x", 0, 1)), trials: 5);

        // The held trial's ask saw an empty study; it stays running while the others are asked and told one by one.
        Assert.Equal([(0, 0, 0, 0), (1, 1, 0, 1), (2, 2, 1, 1), (3, 3, 2, 1), (4, 4, 3, 1), (5, 5, 4, 1)], seen);
        await study.TellAsync(held, 0.5);
    }

    [Fact]
    public async Task A_parameter_that_appears_later_reaches_the_sampler_in_earlier_trials_too()
    {
        StudyView? last = null;
        var options = new StudyOptions { SamplerFactory = space => new RecordingSampler(new RandomSampler(new RandomSamplerOptions(2)), view => last = view) };
        using var study = await Study.CreateAsync("grows", StudyDirection.Minimize, options);
        // Given before anyone declares "y": the sampler form leaves the value out until the distribution is known.
        await study.AddTrialAsync(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 3.0 }, 1.0, [new FloatParameter("x", 0, 1)]);
        await study.OptimizeAsync(t => Task.FromResult(t.SuggestFloat("x", 0, 1)), trials: 2);
        Assert.Equal(["x"], last!.Trials[0].Params.Keys);

        await study.OptimizeAsync(t => Task.FromResult(t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 5)), trials: 2);

        Assert.Equal(["x", "y"], last!.Trials[0].Params.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3.0, last.Trials[0].Params["y"]);
    }

    [Fact]
    public async Task The_best_trial_is_the_one_a_full_scan_finds_after_parallel_trials()
    {
        using var study = await Study.CreateAsync("best", StudyDirection.Maximize, new StudyOptions { Seed = 5 });

        await study.OptimizeAsync(async t =>
        {
            var x = t.SuggestInt("x", 0, 20);
            await Task.Yield();
            // Many equal values: the earliest of them must win.
            return Math.Min(x, 15);
        }, trials: 60, parallelism: 4);

        var scanned = new StudyView(study.Id, study.Space, StudyDirection.Maximize, study.Trials).Best!;
        Assert.Equal(scanned.Number, study.BestTrial.Number);
        Assert.Equal(15, study.BestValue);
    }

    [Fact]
    public async Task A_reopened_study_knows_its_best_trial_and_its_next_number()
    {
        var store = new InMemoryStudyStore();
        using (var first = await Study.CreateAsync("reopen", StudyDirection.Minimize, new StudyOptions { Store = store, Seed = 3 }))
        {
            await first.OptimizeAsync(t => Task.FromResult(Math.Abs(t.SuggestFloat("x", -1, 1))), trials: 8);
            await first.AskAsync();
        }

        using var second = await Study.LoadAsync("reopen", new StudyOptions { Store = store });
        var expected = new StudyView(second.Id, second.Space, StudyDirection.Minimize, await store.LoadTrialsAsync(second.Id)).Best!;

        Assert.Equal(expected.Number, second.BestTrial.Number);
        Assert.Equal(9, (await second.AskAsync()).Number);
        Assert.Equal(2, second.PendingTrials.Count);
    }

    [Fact]
    public async Task Reports_reach_the_scheduler_with_every_trial()
    {
        using var study = await Study.CreateAsync("reports", StudyDirection.Minimize, new StudyOptions { Scheduler = "median", Seed = 1 });
        await study.OptimizeAsync(async t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            for (var step = 1; step <= 3; step++)
            {
                await t.ReportAsync(step, x * step);
                t.ThrowIfShouldPrune();
            }

            return x;
        }, trials: 20);

        Assert.Equal(20, study.Trials.Count);
        Assert.All(study.Trials.Where(t => t.State == TrialState.Completed), t => Assert.Equal(3, t.Reports.Count));
        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
        Assert.Equal(StudyStatus.Completed, (await study.Store.GetStudyAsync(study.Id))!.Status);
    }

    /// <summary>Hands each view to a callback, then lets the inner sampler answer.</summary>
    private sealed class RecordingSampler(ISampler inner, Action<StudyView> record) : ISampler
    {
        public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
        {
            record(study);
            return inner.Suggest(study, count);
        }
    }
}
