using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Storage.Tests;

/// <summary>Hedged attempts: stored beside the trial's current attempt, so a restart knows both; a repeated write changes nothing.</summary>
public abstract partial class OrchestrationStoreContract
{
    private static readonly DateTimeOffset Hedged = new(2026, 3, 1, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_hedge_is_stored_once_beside_the_running_attempt_and_wins_in_its_place()
    {
        var study = Study();
        var trial = NewTrial(0);
        var setup = new StudyCommit();
        setup.Write(w => w.CreateStudy(study));
        setup.Write(w => w.CreateTrial(study.Id, trial));
        setup.Write(w => Assert.True(w.StartHedge(trial.Id, 1, 2, Hedged)));
        setup.Write(w => Assert.False(w.StartHedge(trial.Id, 1, 2, Hedged.AddSeconds(1))));
        setup.Write(w => Assert.True(w.MarkHedgeStarted(trial.Id, 2, "worker-b", Hedged.AddSeconds(2))));
        await Host.CommitAsync(setup);

        var attempts = await Store.LoadAttemptsAsync(trial.Id);
        Assert.Equal([(1, "Running", (string?)null), (2, "Running", "worker-b")], attempts.Select(a => (a.Attempt, a.State, a.WorkerId)));
        Assert.Equal(1, (await Store.LoadTrialsAsync(study.Id))[0].Attempt);

        // The hedge's outcome came first: it becomes the trial's attempt, the other is lost, and a repeat changes nothing.
        var won = new StudyCommit();
        won.Write(w => Assert.True(w.PromoteHedge(trial.Id, 1, 2)));
        won.Write(w => Assert.False(w.PromoteHedge(trial.Id, 1, 2)));
        won.Write(w => Assert.True(w.EndAttempt(trial.Id, 1, "Lost", null, Hedged.AddSeconds(3))));
        won.Write(w => Assert.False(w.EndAttempt(trial.Id, 1, "Failed", "late", Hedged.AddSeconds(4))));
        won.Write(w => Assert.True(w.FinishTrial(trial.Id, 2, new TrialOutcome(TrialState.Completed, 0.5, Hedged.AddSeconds(3), 1))));
        await Host.CommitAsync(won);

        var stored = (await Store.LoadTrialsAsync(study.Id))[0];
        Assert.Equal((TrialState.Completed, 2, 0.5), (stored.State, stored.Attempt, stored.Value));
        Assert.Equal([(1, "Lost"), (2, "Completed")], (await Store.LoadAttemptsAsync(trial.Id)).Select(a => (a.Attempt, a.State)));
    }

    [Fact]
    public async Task No_hedge_is_stored_for_an_attempt_that_is_not_the_trials_current_one()
    {
        var study = Study();
        var trial = NewTrial(0);
        var commit = new StudyCommit();
        commit.Write(w => w.CreateStudy(study));
        commit.Write(w => w.CreateTrial(study.Id, trial));
        commit.Write(w => Assert.False(w.StartHedge(trial.Id, 2, 3, Hedged)));
        commit.Write(w => Assert.False(w.PromoteHedge(trial.Id, 1, 2)));
        await Host.CommitAsync(commit);

        Assert.Equal([1], (await Store.LoadAttemptsAsync(trial.Id)).Select(a => a.Attempt));
    }
}
