using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Storage;

namespace HyperBus.Client.Tests;

public sealed class AskAndTellTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hyperbus-client-tests", Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(_folder, "studies.db");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ask_and_tell_survives_a_restart_on_the_same_sqlite_file()
    {
        Parameter[] space = [new FloatParameter("x", -5, 5), new CategoricalParameter("opt", ["adam", "sgd"])];
        int pendingNumber;
        Guid studyId;
        using (var first = await Study.CreateAsync("asktell", StudyDirection.Minimize, new StudyOptions { Storage = DbPath, Seed = 4 }))
        {
            studyId = first.Id;
            for (var i = 0; i < 3; i++)
            {
                var t = await first.AskAsync(space);
                await first.TellAsync(t, Math.Pow(t.Params.GetDouble("x") - 1, 2));
            }

            // Define-by-run on an asked trial: a parameter the space did not have yet.
            var grown = await first.AskAsync();
            var lr = grown.SuggestFloat("lr", 1e-4, 1e-1, log: true);
            await first.TellAsync(grown, lr);
            var pending = await first.AskAsync(space);
            pendingNumber = pending.Number;
            Assert.Equal(4, pendingNumber);
        }

        // A new process: a new Study object on the same file and name.
        using var second = await Study.LoadAsync("asktell", new StudyOptions { Storage = DbPath, Seed = 4 });
        Assert.Equal(studyId, second.Id);
        Assert.Equal(5, second.Trials.Count);
        Assert.Equal(["lr", "opt", "x"], second.Space.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("float [0.0001, 0.1] log", ParameterDistributionText(second, "lr"));
        Assert.True(second.Trials[3].Params.ContainsKey("lr"), "the define-by-run parameter was stored with the trial");

        var stillPending = Assert.Single(second.PendingTrials);
        Assert.Equal(pendingNumber, stillPending.Number);
        Assert.True(stillPending.Params.ContainsKey("x"), "an ask over a known space stores its parameters up front");
        var told = await second.TellAsync(pendingNumber, 0.25);
        Assert.Equal(TrialState.Completed, told.State);
        Assert.Empty(second.PendingTrials);

        var next = await second.AskAsync(space);
        Assert.Equal(5, next.Number);
        await second.TellFailedAsync(next, "out of memory");

        // What `hyperbus status` reads: the same file through the plain SQLite store.
        using var store = new SqliteStudyStore(DbPath);
        var trials = await store.LoadTrialsAsync(studyId);
        Assert.Equal(5, trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(TrialState.Failed, trials[^1].State);
        Assert.Equal(0.25, trials[4].Value);
        Assert.Equal(StudyStatus.Running, (await store.GetStudyAsync(studyId))!.Status);
    }

    [Fact]
    public async Task Creating_an_existing_study_needs_load_if_exists_and_the_same_directions()
    {
        var options = new StudyOptions { Storage = DbPath };
        using (await Study.CreateAsync("twice", StudyDirection.Maximize, options))
        {
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Study.CreateAsync("twice", StudyDirection.Maximize, options));
        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => Study.CreateAsync("twice", StudyDirection.Minimize, options with { LoadIfExists = true }));
        Assert.StartsWith("directions:", wrong.Message);
        using var again = await Study.CreateAsync("twice", StudyDirection.Maximize, options with { LoadIfExists = true });
        Assert.Equal([StudyDirection.Maximize], again.Directions);
    }

    [Fact]
    public async Task A_batch_is_distinct_and_telling_twice_or_with_the_wrong_arity_is_refused()
    {
        using var study = await Study.CreateAsync("batch", StudyDirection.Minimize, new StudyOptions { Seed = 9 });
        var batch = await study.AskBatchAsync(4, [new FloatParameter("x", 0, 1)]);
        Assert.Equal([0, 1, 2, 3], batch.Select(t => t.Number));
        Assert.Equal(4, batch.Select(t => t.Params.GetDouble("x")).Distinct().Count());

        await study.TellAsync(batch[0], 1.0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => study.TellAsync(batch[0], 2.0));
        var arity = await Assert.ThrowsAsync<ArgumentException>(() => study.TellAsync(batch[1], new[] { 1.0, 2.0 }));
        Assert.StartsWith("values:", arity.Message);
        var nan = await study.TellAsync(batch[2], double.NaN);
        Assert.Equal(TrialState.Failed, nan.State);
    }

    [Fact]
    public async Task Objective_values_and_constraints_round_trip_through_sqlite()
    {
        Guid studyId;
        using (var study = await Study.CreateAsync("mo-sqlite", [StudyDirection.Maximize, StudyDirection.Minimize], new StudyOptions { Storage = DbPath }))
        {
            studyId = study.Id;
            var t = await study.AskAsync([new FloatParameter("x", 0, 1)]);
            await study.TellAsync(t, new ObjectiveResult([0.9, 12.5], [-1, 0.25]));
        }

        using var reopened = await Study.LoadAsync("mo-sqlite", new StudyOptions { Storage = DbPath });
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], reopened.Directions);
        var trial = Assert.Single(reopened.Trials);
        Assert.Equal([0.9, 12.5], trial.Values!);
        Assert.Equal([-1, 0.25], trial.Constraints!);
        Assert.False(trial.IsFeasible);
        // Infeasible, so not on the front.
        Assert.Empty(reopened.BestTrials);
        Assert.Equal(0.9, (await reopened.Store.LoadTrialsAsync(studyId))[0].Value);
    }

    private static string ParameterDistributionText(Study study, string name) => ParameterDistribution.Describe(study.Space.Find(name)!);
}
