using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Storage.Tests;

/// <summary>
/// What a store that serves the optimizer host must do beyond <see cref="StudyStoreContract"/>: commits are all or
/// nothing, sagas are versioned, leases have one owner, the outbox keeps what is not yet relayed.
/// </summary>
public abstract partial class OrchestrationStoreContract : StudyStoreContract
{
    private IOrchestrationStore Host => (IOrchestrationStore)Store;

    [Fact]
    public async Task A_commit_writes_the_trial_the_saga_and_the_outbox_together()
    {
        var study = Study();
        var trial = NewTrial(0);
        var commit = new StudyCommit { Saga = new StudySaga(study.Id, "Running", 0) };
        commit.Write(w => w.CreateStudy(study));
        commit.Write(w => w.CreateTrial(study.Id, trial));
        commit.Send(new OutboxMessage(study.Id, "TrialRequested", "queue:q", "{}"));
        commit.CountDrop(study.Id, "stale-attempt");

        var stored = await Host.CommitAsync(commit);

        Assert.Single(await Store.LoadTrialsAsync(study.Id));
        Assert.Equal(new StudySaga(study.Id, "Running", 1), await Host.LoadSagaAsync(study.Id));
        var outbox = await Host.LoadOutboxAsync(10);
        Assert.Equal(stored.Single().Id, Assert.Single(outbox).Id);
        Assert.Equal(1, (await Host.LoadDropCountsAsync(study.Id))["stale-attempt"]);
    }

    [Fact]
    public async Task A_commit_against_a_saga_someone_else_saved_changes_nothing()
    {
        var study = Study();
        var first = new StudyCommit { Saga = new StudySaga(study.Id, "Running", 0) };
        first.Write(w => w.CreateStudy(study));
        await Host.CommitAsync(first);

        // Another host saved version 1 -> 2 first.
        await Host.CommitAsync(new StudyCommit { Saga = new StudySaga(study.Id, "Running", 1) });
        var late = new StudyCommit { Saga = new StudySaga(study.Id, "Completed", 1) };
        late.Write(w => w.CreateTrial(study.Id, NewTrial(0)));
        late.Send(new OutboxMessage(study.Id, "StudyCompleted", "publish", "{}"));

        await Assert.ThrowsAsync<StaleSagaException>(() => Host.CommitAsync(late));
        Assert.Empty(await Store.LoadTrialsAsync(study.Id));
        Assert.Empty(await Host.LoadOutboxAsync(10));
        Assert.Equal("Running", (await Host.LoadSagaAsync(study.Id))!.State);
    }

    [Fact]
    public async Task Relayed_outbox_rows_are_deleted_by_the_next_commit()
    {
        var study = Study();
        var commit = new StudyCommit();
        commit.Send(new OutboxMessage(study.Id, "TrialRequested", "queue:q", "{\"a\":1}"));
        commit.Send(new OutboxMessage(study.Id, "TrialRequested", "queue:q", "{\"a\":2}"));
        var stored = await Host.CommitAsync(commit);

        await Host.CommitAsync(new StudyCommit { Relayed = [stored[0].Id] });

        var left = Assert.Single(await Host.LoadOutboxAsync(10));
        Assert.Equal("{\"a\":2}", left.Body);
        await Host.DeleteOutboxAsync([left.Id]);
        Assert.Empty(await Host.LoadOutboxAsync(10));
    }

    [Fact]
    public async Task A_lease_has_one_owner_until_it_expires_and_only_its_owner_renews_it()
    {
        var id = Guid.NewGuid();
        var duration = TimeSpan.FromSeconds(10);

        Assert.Equal("a", (await Host.AcquireLeaseAsync(id, "a", T0, duration)).Owner);
        Assert.Equal("a", (await Host.AcquireLeaseAsync(id, "b", T0.AddSeconds(5), duration)).Owner);
        Assert.Empty(await Host.RenewLeasesAsync("b", [id], T0.AddSeconds(5), duration));
        Assert.Equal([id], await Host.RenewLeasesAsync("a", [id], T0.AddSeconds(5), duration));
        // Renewed at 5 s, so still a's at 12 s; b takes it once it lapsed.
        Assert.Equal("a", (await Host.AcquireLeaseAsync(id, "b", T0.AddSeconds(12), duration)).Owner);
        var taken = await Host.AcquireLeaseAsync(id, "b", T0.AddSeconds(16), duration);
        Assert.Equal(new StudyLease(id, "b", T0.AddSeconds(26)), taken);
        Assert.Empty(await Host.RenewLeasesAsync("a", [id], T0.AddSeconds(17), duration));

        await Host.ReleaseLeaseAsync(id, "a"); // not a's any more: nothing happens
        Assert.Equal("b", (await Host.GetLeaseAsync(id))!.Owner);
        await Host.ReleaseLeaseAsync(id, "b");
        Assert.Null(await Host.GetLeaseAsync(id));
    }

    [Fact]
    public async Task A_conditional_write_in_a_commit_obeys_the_same_guards()
    {
        var study = Study();
        await Store.CreateStudyAsync(study);
        var trial = NewTrial(0);
        await Store.CreateTrialAsync(study.Id, trial);
        var results = new List<bool>();
        var commit = new StudyCommit();
        commit.Write(w => results.Add(w.FinishTrial(trial.Id, 1, new TrialOutcome(TrialState.Completed, 0.9, T0, 1))));
        commit.Write(w => results.Add(w.FinishTrial(trial.Id, 1, new TrialOutcome(TrialState.Completed, 0.1, T0, 1))));

        await Host.CommitAsync(commit);

        Assert.Equal([true, false], results);
        Assert.Equal(0.9, (await Store.LoadTrialsAsync(study.Id))[0].Value);
    }
}
