using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Storage.Tests;

/// <summary>Every write is idempotent by (trial id, attempt): duplicates and late messages change nothing.</summary>
public abstract partial class StudyStoreContract
{
    [Fact]
    public async Task Creating_a_trial_twice_keeps_the_first()
    {
        var (study, trial) = await StudyWithTrialAsync();
        await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, 0.2));

        await Store.CreateTrialAsync(study.Id, NewTrial(0) with { Id = trial.Id, Budget = 81, Attributes = new Dictionary<string, string> { ["x"] = "y" } });

        var loaded = Assert.Single(await Store.LoadTrialsAsync(study.Id));
        Assert.Equal(trial.Params, loaded.Params);
        Assert.Null(loaded.Budget);
        Assert.Empty(loaded.Attributes);
        Assert.Single(loaded.Reports);
        Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
    }

    [Fact]
    public async Task Finishing_twice_returns_false_and_changes_nothing()
    {
        var (study, trial) = await StudyWithTrialAsync();

        Assert.True(await Store.FinishTrialAsync(trial.Id, 1, Completed(0.8)));
        Assert.False(await Store.FinishTrialAsync(trial.Id, 1, Completed(0.9) with { FinishedAt = T0.AddHours(9) }));
        Assert.False(await Store.FinishTrialAsync(trial.Id, 1, new TrialOutcome(TrialState.Failed, null, T0, 0, Error: "late")));

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal((TrialState.Completed, 0.8, T0.AddMinutes(5)), (loaded.State, loaded.Value, loaded.FinishedAt));
        var attempt = Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
        Assert.Equal(("Completed", 0.8, null), (attempt.State, attempt.Value, attempt.Error));
    }

    [Fact]
    public async Task A_trial_finished_without_a_start_starts_at_its_finish_less_its_measured_duration()
    {
        var (study, started) = await StudyWithTrialAsync();
        Assert.True(await Store.MarkStartedAsync(started.Id, 1, "worker", T0.AddSeconds(-10)));
        Assert.True(await Store.FinishTrialAsync(started.Id, 1, new TrialOutcome(TrialState.Completed, 0.5, T0, 1.5)));
        var quick = NewTrial(1);
        await Store.CreateTrialAsync(study.Id, quick);
        Assert.True(await Store.FinishTrialAsync(quick.Id, 1, new TrialOutcome(TrialState.Completed, 0.6, T0, 1.5)));

        Assert.Equal(T0.AddSeconds(-10), (await LoadAsync(study.Id, started.Id)).StartedAt);     // a TrialStarted wins
        Assert.Equal(T0.AddSeconds(-1.5), (await LoadAsync(study.Id, quick.Id)).StartedAt);      // else finish - duration
        Assert.Equal(T0.AddSeconds(-1.5), Assert.Single(await Store.LoadAttemptsAsync(quick.Id)).StartedAt);
    }

    [Fact]
    public async Task A_finished_trial_takes_no_start_report_or_retry()
    {
        var (study, trial) = await StudyWithTrialAsync();
        await Store.FinishTrialAsync(trial.Id, 1, new TrialOutcome(TrialState.Pruned, 0.4, T0, 3));

        Assert.False(await Store.MarkStartedAsync(trial.Id, 1, "late-worker", T0.AddMinutes(9)));
        Assert.False(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(5, 0.1)));
        Assert.False(await Store.RetryTrialAsync(trial.Id, 1, "late failure", T0.AddMinutes(9)));

        // The late start changes nothing: the trial's start stays its finish less the 3 s its worker measured.
        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal((TrialState.Pruned, 0.4, 1, (DateTimeOffset?)T0.AddSeconds(-3)), (loaded.State, loaded.Value, loaded.Attempt, loaded.StartedAt));
        Assert.Empty(loaded.Reports);
        var attempt = Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
        Assert.Equal(("Pruned", null, null), (attempt.State, attempt.WorkerId, attempt.Error));
    }

    [Fact]
    public async Task A_duplicate_report_step_is_ignored()
    {
        var (study, trial) = await StudyWithTrialAsync();

        Assert.True(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, 0.5)));
        Assert.False(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, 0.9)));
        Assert.True(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(2, 0.6)));

        Assert.Equal([new(1, 0.5), new(2, 0.6)], (await LoadAsync(study.Id, trial.Id)).Reports);
    }

    [Fact]
    public async Task A_stale_attempt_is_ignored()
    {
        var (study, trial) = await StudyWithTrialAsync();

        Assert.False(await Store.MarkStartedAsync(trial.Id, 2, "w", T0));
        Assert.False(await Store.AppendReportAsync(trial.Id, 2, new TrialReport(1, 0.1)));
        Assert.False(await Store.RetryTrialAsync(trial.Id, 2, "x", T0));
        Assert.False(await Store.FinishTrialAsync(trial.Id, 0, Completed(0.3)));
        Assert.False(await Store.FinishTrialAsync(trial.Id, 2, Completed(0.3)));

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Equal((TrialState.Running, 1, null, null), (loaded.State, loaded.Attempt, loaded.Value, loaded.StartedAt));
        Assert.Empty(loaded.Reports);
        Assert.Single(await Store.LoadAttemptsAsync(trial.Id));
    }

    [Fact]
    public async Task A_retry_makes_the_next_attempt_current_and_only_it_can_finish()
    {
        var (study, trial) = await StudyWithTrialAsync();
        await Store.MarkStartedAsync(trial.Id, 1, "worker-a", T0);
        await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, 0.5));
        await Store.AppendReportAsync(trial.Id, 1, new TrialReport(2, 0.55));

        Assert.True(await Store.RetryTrialAsync(trial.Id, 1, "worker died", T0.AddMinutes(1)));
        Assert.False(await Store.RetryTrialAsync(trial.Id, 1, "worker died", T0.AddMinutes(2)));

        var retried = await LoadAsync(study.Id, trial.Id);
        Assert.Equal((TrialState.Running, 2, null), (retried.State, retried.Attempt, retried.StartedAt));
        Assert.Empty(retried.Reports);

        // The old attempt's late outcome and reports are ignored; the new attempt starts its steps afresh.
        Assert.False(await Store.FinishTrialAsync(trial.Id, 1, Completed(0.1)));
        Assert.False(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(3, 0.6)));
        Assert.True(await Store.MarkStartedAsync(trial.Id, 2, "worker-b", T0.AddMinutes(3)));
        Assert.True(await Store.AppendReportAsync(trial.Id, 2, new TrialReport(1, 0.7)));
        Assert.True(await Store.FinishTrialAsync(trial.Id, 2, Completed(0.75)));

        var finished = await LoadAsync(study.Id, trial.Id);
        Assert.Equal((TrialState.Completed, 2, 0.75, T0.AddMinutes(3)), (finished.State, finished.Attempt, finished.Value, finished.StartedAt));
        Assert.Equal([new TrialReport(1, 0.7)], finished.Reports);
        Assert.Equal(
            [
                new TrialAttempt(trial.Id, 1, "worker-a", T0, T0.AddMinutes(1), "Failed", null, "worker died"),
                new TrialAttempt(trial.Id, 2, "worker-b", T0.AddMinutes(3), T0.AddMinutes(5), "Completed", 0.75, null),
            ],
            await Store.LoadAttemptsAsync(trial.Id));
    }

    [Fact]
    public async Task A_redelivered_start_records_the_latest_worker()
    {
        var (study, trial) = await StudyWithTrialAsync();

        Assert.True(await Store.MarkStartedAsync(trial.Id, 1, "worker-a", T0));
        Assert.True(await Store.MarkStartedAsync(trial.Id, 1, "worker-b", T0.AddMinutes(1)));

        Assert.Equal(T0.AddMinutes(1), (await LoadAsync(study.Id, trial.Id)).StartedAt);
        Assert.Equal("worker-b", Assert.Single(await Store.LoadAttemptsAsync(trial.Id)).WorkerId);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task A_non_finite_value_is_never_stored_as_a_result(double value)
    {
        var (study, trial) = await StudyWithTrialAsync();
        Assert.True(await Store.AppendReportAsync(trial.Id, 1, new TrialReport(1, value)));
        var metrics = new Dictionary<string, double> { ["loss"] = value };

        Assert.True(await Store.FinishTrialAsync(trial.Id, 1, Completed(value, duration: value) with { Metrics = metrics }));

        var loaded = await LoadAsync(study.Id, trial.Id);
        Assert.Null(loaded.Value);
        Assert.Equal(value, Assert.Single(loaded.Reports).Value);
        Assert.Null(new StudyView(study.Id, Core.Space.SearchSpace.Create([]), study.Direction, [loaded]).Best);
        Assert.Null(Assert.Single(await Store.LoadAttemptsAsync(trial.Id)).Value);
        Assert.Equal(value, (await ReadStoredOutcomeAsync(trial.Id))!.Metrics!["loss"]);
    }

    [Fact]
    public async Task Finishing_as_running_is_refused()
    {
        var (_, trial) = await StudyWithTrialAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.FinishTrialAsync(trial.Id, 1, Completed(1) with { State = TrialState.Running }));
    }
}
