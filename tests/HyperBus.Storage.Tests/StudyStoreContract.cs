using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Storage.Tests;

/// <summary>
/// What every IStudyStore must do. An implementation's test class derives from this and says how to open
/// its store (again, on the same data) and how to read what a Trial does not carry.
/// </summary>
public abstract partial class StudyStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private readonly List<IStudyStore> _opened = [];

    protected StudyStoreContract()
    {
        Store = Open();
    }

    protected IStudyStore Store { get; }

    /// <summary>A store on this test's data; a second call opens the same data again (a restart, or another process).</summary>
    protected abstract IStudyStore OpenStore();

    protected abstract Task<StoredOutcome?> ReadStoredOutcomeAsync(Guid trialId);

    /// <summary>Closes a store and, when <paramref name="last"/>, removes this test's data.</summary>
    protected abstract void Close(IStudyStore store, bool last);

    public void Dispose()
    {
        for (var i = 0; i < _opened.Count; i++)
        {
            Close(_opened[i], last: i == _opened.Count - 1);
        }

        GC.SuppressFinalize(this);
    }

    protected IStudyStore Open()
    {
        var store = OpenStore();
        _opened.Add(store);
        return store;
    }

    protected static StudyRecord Study(string name = "svc", DateTimeOffset? createdAt = null) =>
        new(Guid.NewGuid(), name, """{"name":"svc","trials":10}""", StudyDirection.Maximize, StudyStatus.Running, createdAt ?? T0, null);

    protected static Trial NewTrial(int number, ParameterSet? parameters = null, double? budget = null, IReadOnlyDictionary<string, string>? attributes = null) => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        State = TrialState.Running,
        Params = parameters ?? new ParameterSet([KeyValuePair.Create<string, object>("c", 0.5)]),
        Budget = budget,
        Attributes = attributes ?? new Dictionary<string, string>(),
    };

    protected static TrialOutcome Completed(double value, double duration = 1.5) => new(TrialState.Completed, value, T0.AddMinutes(5), duration);

    /// <summary>A study with one running trial at attempt 1.</summary>
    protected async Task<(StudyRecord Study, Trial Trial)> StudyWithTrialAsync()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        var trial = NewTrial(0);
        await Store.CreateTrialAsync(study.Id, trial);
        return (study, trial);
    }

    protected async Task<Trial> LoadAsync(Guid studyId, Guid trialId, IStudyStore? store = null) =>
        (await (store ?? Store).LoadTrialsAsync(studyId)).Single(t => t.Id == trialId);

    [Fact]
    public async Task A_study_round_trips()
    {
        var study = Study() with { SpecJson = """{"a":[1,2,3],"b":"ü"}""", Direction = StudyDirection.Minimize };
        await Store.CreateStudyAsync(study);

        Assert.Equal(study, await Store.GetStudyAsync(study.Id));
        Assert.Null(await Store.GetStudyAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Creating_a_study_twice_keeps_the_first()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        await Store.CreateStudyAsync(study with { Name = "other", Status = StudyStatus.Failed });

        Assert.Equal(study, await Store.GetStudyAsync(study.Id));
        Assert.Single(await Store.ListStudiesAsync());
    }

    [Fact]
    public async Task A_study_is_found_by_id_or_by_name_the_newest_winning()
    {
        var old = Study("svc", T0);
        var newer = Study("svc", T0.AddHours(1));
        var other = Study("gbm", T0.AddHours(2));
        foreach (var s in new[] { newer, old, other })
        {
            await Store.CreateStudyAsync(s);
        }

        Assert.Equal(old, await Store.FindStudyAsync(old.Id.ToString()));
        Assert.Equal(old, await Store.FindStudyAsync(old.Id.ToString("N")));
        Assert.Equal(newer, await Store.FindStudyAsync("svc"));
        Assert.Equal(other, await Store.FindStudyAsync("gbm"));
        Assert.Null(await Store.FindStudyAsync("missing"));
        Assert.Null(await Store.FindStudyAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task Studies_are_listed_oldest_first()
    {
        var a = Study("a", T0.AddHours(2));
        var b = Study("b", T0);
        var c = Study("c", T0.AddHours(1));
        foreach (var s in new[] { a, b, c })
        {
            await Store.CreateStudyAsync(s);
        }

        Assert.Equal([b, c, a], await Store.ListStudiesAsync());
    }

    [Fact]
    public async Task A_study_status_is_updated()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);

        await Store.SetStudyStatusAsync(study.Id, StudyStatus.Completed, T0.AddHours(3));
        Assert.Equal(study with { Status = StudyStatus.Completed, FinishedAt = T0.AddHours(3) }, await Store.GetStudyAsync(study.Id));

        await Store.SetStudyStatusAsync(study.Id, StudyStatus.Cancelled, null);
        Assert.Equal(study with { Status = StudyStatus.Cancelled }, await Store.GetStudyAsync(study.Id));
    }

    [Fact]
    public async Task Trials_round_trip_in_number_order_with_params_of_each_type()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        var parameters = new ParameterSet(new Dictionary<string, object>
        {
            ["lr"] = 0.001,
            ["whole"] = 3.0,
            ["tiny"] = 1e-12,
            ["layers"] = 4L,
            ["big"] = long.MaxValue,
            ["kernel"] = "rbf",
            ["shrinking"] = true,
            ["probability"] = false,
        });
        var attributes = new Dictionary<string, string> { ["generation"] = "2", ["rung"] = "0" };
        var second = NewTrial(1, parameters, budget: 27, attributes: attributes);
        var first = NewTrial(0);
        await Store.CreateTrialAsync(study.Id, second);
        await Store.CreateTrialAsync(study.Id, first);

        var trials = await Store.LoadTrialsAsync(study.Id);

        Assert.Equal([first.Id, second.Id], trials.Select(t => t.Id));
        var loaded = trials[1];
        Assert.Equal(1, loaded.Number);
        Assert.Equal(TrialState.Running, loaded.State);
        Assert.Equal(1, loaded.Attempt);
        Assert.Equal(27, loaded.Budget);
        Assert.Null(loaded.Value);
        Assert.Null(loaded.StartedAt);
        Assert.Null(loaded.FinishedAt);
        Assert.Empty(loaded.Reports);
        Assert.Equal(attributes.OrderBy(a => a.Key), loaded.Attributes.OrderBy(a => a.Key));
        Assert.Equal(parameters, loaded.Params);
        foreach (var (name, value) in parameters)
        {
            Assert.IsType(value.GetType(), loaded.Params[name]);
            Assert.Equal(value, loaded.Params[name]);
        }

        Assert.Null(trials[0].Budget);
        Assert.Empty(trials[0].Attributes);
    }

    [Fact]
    public async Task Reports_come_back_in_step_order_and_attributes_are_replaced()
    {
        var (study, trial) = await StudyWithTrialAsync();
        foreach (var step in new long[] { 3, 1, 2, 10_000_000_000 })
        {
            Assert.True(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(step, step / 10.0)));
        }

        await Store.SetTrialAttributeAsync(trial.Id, "rung", "0");
        await Store.SetTrialAttributeAsync(trial.Id, "rung", "1");
        await Store.SetTrialAttributeAsync(trial.Id, "source", "trial-7");

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal([new(1, 0.1), new(2, 0.2), new(3, 0.3), new(10_000_000_000, 1_000_000_000)], loaded.Reports);
        Assert.Equal("1", loaded.Attributes["rung"]);
        Assert.Equal("trial-7", loaded.Attributes["source"]);
    }

    [Fact]
    public async Task A_finished_trial_round_trips_its_outcome()
    {
        var (study, trial) = await StudyWithTrialAsync();
        Assert.True(await Store.MarkStartedAsync(trial.Id, 1, "worker-a", T0.AddSeconds(1)));
        var metrics = new Dictionary<string, double> { ["accuracy"] = 0.93, ["f1"] = 0.9 };
        var outcome = new TrialOutcome(TrialState.Completed, 0.93, T0.AddMinutes(2), 119.5, metrics, null, "ckpt/7", "s3://models/7");

        Assert.True(await Store.FinishTrialAsync(trial.Id, 1, outcome));

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal(TrialState.Completed, loaded.State);
        Assert.Equal(0.93, loaded.Value);
        Assert.Equal(T0.AddSeconds(1), loaded.StartedAt);
        Assert.Equal(T0.AddMinutes(2), loaded.FinishedAt);
        Assert.Equal((119.5, "ckpt/7", "s3://models/7"), (loaded.DurationSeconds, loaded.Checkpoint, loaded.Artifact));
        var stored = await ReadStoredOutcomeAsync(trial.Id);
        Assert.NotNull(stored);
        Assert.Equal(metrics.OrderBy(m => m.Key), stored.Metrics!.OrderBy(m => m.Key));
        Assert.Equal(("ckpt/7", "s3://models/7", 119.5), (stored.Checkpoint, stored.Artifact, stored.DurationSeconds));
        var attempt = Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
        Assert.Equal(new TrialAttempt(trial.Id, 1, "worker-a", T0.AddSeconds(1), T0.AddMinutes(2), "Completed", 0.93, null), attempt);
    }

    [Fact]
    public async Task A_trial_that_failed_for_good_keeps_its_error()
    {
        var (study, trial) = await StudyWithTrialAsync();

        Assert.True(await Store.FinishTrialAsync(trial.Id, 1, new TrialOutcome(TrialState.Failed, null, T0.AddMinutes(1), 0, Error: "OOM")));

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal(TrialState.Failed, loaded.State);
        Assert.Null(loaded.Value);
        var attempt = Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
        Assert.Equal(("Failed", "OOM", T0.AddMinutes(1)), (attempt.State, attempt.Error, attempt.FinishedAt));
    }

    [Fact]
    public async Task Unknown_ids_load_nothing()
    {
        Assert.Empty(await Store.LoadTrialsAsync(Guid.NewGuid()));
        Assert.Empty(await Store.LoadAttemptsAsync(Guid.NewGuid()));
        Assert.False(await Store.MarkStartedAsync(Guid.NewGuid(), 1, "w", T0));
        Assert.False(await Store.AppendReportAsync(Guid.NewGuid(), 1, new TrialReport(1, 1)));
        Assert.False(await Store.RetryTrialAsync(Guid.NewGuid(), 1, "x", T0));
        Assert.False(await Store.FinishTrialAsync(Guid.NewGuid(), 1, Completed(1)));
    }

    [Fact]
    public async Task Reopening_the_store_preserves_everything()
    {
        var (study, trial) = await StudyWithTrialAsync();
        await Store.MarkStartedAsync(trial.Id, 1, "w1", T0);
        await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, 0.5));
        await Store.RetryTrialAsync(trial.Id, 1, "worker died", T0.AddMinutes(1));
        await Store.AppendReportAsync(trial.Id, 2, new TrialReport(1, 0.6));
        await Store.SetTrialAttributeAsync(trial.Id, "generation", "3");
        var running = NewTrial(1, budget: 9);
        await Store.CreateTrialAsync(study.Id, running);
        await Store.FinishTrialAsync(trial.Id, 2, Completed(0.7));
        await Store.SetStudyStatusAsync(study.Id, StudyStatus.Completed, T0.AddHours(1));
        var before = await Store.LoadTrialsAsync(study.Id);
        var attemptsBefore = await Store.LoadAttemptsAsync(trial.Id);

        var reopened = Open();

        Assert.Equal(await Store.GetStudyAsync(study.Id), await reopened.GetStudyAsync(study.Id));
        Assert.Equal(attemptsBefore, await reopened.LoadAttemptsAsync(trial.Id));
        var after = await reopened.LoadTrialsAsync(study.Id);
        Assert.Equal(before.Count, after.Count);
        IReadOnlyList<TrialReport> noReports = [];
        var noAttributes = new Dictionary<string, string>();
        foreach (var (b, a) in before.Zip(after))
        {
            Assert.Equal(b with { Reports = noReports, Attributes = noAttributes }, a with { Reports = noReports, Attributes = noAttributes });
            Assert.Equal(b.Reports, a.Reports);
            Assert.Equal(b.Attributes.OrderBy(x => x.Key), a.Attributes.OrderBy(x => x.Key));
        }

        Assert.Equal([new TrialReport(1, 0.6)], after[0].Reports);
        Assert.Equal(0.7, after[0].Value);
        Assert.Equal(9, after[1].Budget);
    }
}
