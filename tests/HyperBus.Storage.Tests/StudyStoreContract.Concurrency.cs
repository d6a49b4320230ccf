using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Storage.Tests;

/// <summary>The store is one singleton used by many consumers at once, and may be shared by two processes.</summary>
public abstract partial class StudyStoreContract
{
    private const int Writers = 8;

    [Fact]
    public async Task Of_eight_writers_finishing_one_trial_exactly_one_wins()
    {
        var (study, trial) = await StudyWithTrialAsync();

        var results = await RaceAsync(i => Store.FinishTrialAsync(trial.Id, 1, Completed(i)));

        var winner = Assert.Single(Enumerable.Range(0, Writers), i => results[i]);
        Assert.Equal(winner, (await LoadAsync(study.Id, trial.Id)).Value);
        Assert.Equal(winner, Assert.Single(await Store.LoadAttemptsAsync(trial.Id)).Value);
    }

    [Fact]
    public async Task Of_eight_writers_retrying_one_attempt_exactly_one_wins()
    {
        var (study, trial) = await StudyWithTrialAsync();

        var results = await RaceAsync(i => Store.RetryTrialAsync(trial.Id, 1, $"error {i}", T0));

        Assert.Single(results, r => r);
        Assert.Equal(2, (await LoadAsync(study.Id, trial.Id)).Attempt);
        Assert.Equal(2, (await Store.LoadAttemptsAsync(trial.Id)).Count);
    }

    [Fact]
    public async Task A_retry_racing_a_finish_of_the_same_attempt_lets_only_one_through()
    {
        var (study, trial) = await StudyWithTrialAsync();

        var results = await RaceAsync(i => i % 2 == 0
            ? Store.FinishTrialAsync(trial.Id, 1, Completed(i))
            : Store.RetryTrialAsync(trial.Id, 1, "failed", T0));

        Assert.Single(results, r => r);
        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.True(loaded.State == TrialState.Completed ? loaded.Attempt == 1 : loaded.Attempt == 2 && loaded.State == TrialState.Running);
    }

    [Fact]
    public async Task Two_stores_on_the_same_data_finish_a_trial_once()
    {
        var (study, trial) = await StudyWithTrialAsync();
        var other = Open();

        var results = await RaceAsync(i => (i % 2 == 0 ? Store : other).FinishTrialAsync(trial.Id, 1, Completed(i)));

        var winner = Assert.Single(Enumerable.Range(0, Writers), i => results[i]);
        Assert.Equal(winner, (await LoadAsync(study.Id, trial.Id, other)).Value);
    }

    [Fact]
    public async Task Concurrent_writes_to_many_trials_all_land()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        var other = Open();

        await RaceAsync(async i =>
        {
            var store = i % 2 == 0 ? Store : other;
            var trial = NewTrial(i);
            await store.CreateTrialAsync(study.Id, trial);
            for (var step = 1; step <= 10; step++)
            {
                await store.AppendReportAsync(trial.Id, 1, new TrialReport(step, i + (step / 100.0)));
            }

            await store.SetTrialAttributeAsync(trial.Id, "writer", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return await store.FinishTrialAsync(trial.Id, 1, Completed(i));
        });

        var trials = await Store.LoadTrialsAsync(study.Id);
        Assert.Equal(Enumerable.Range(0, Writers), trials.Select(t => t.Number));
        Assert.All(trials, t =>
        {
            Assert.Equal((TrialState.Completed, (double)t.Number, 10), (t.State, t.Value!.Value, t.Reports.Count));
            Assert.Equal(t.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Attributes["writer"]);
        });
    }

    /// <summary>Runs <paramref name="write"/> on <see cref="Writers"/> threads released at the same moment.</summary>
    private static async Task<bool[]> RaceAsync(Func<int, Task<bool>> write)
    {
        using var start = new Barrier(Writers);
        var tasks = Enumerable.Range(0, Writers).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return write(i);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap());
        return await Task.WhenAll(tasks);
    }
}
