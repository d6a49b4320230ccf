using System.Diagnostics;
using System.Globalization;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using Xunit.Abstractions;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// Two hosts on one store and one queue, both running (a restart script that started the new host
/// before the old one was gone): one owns each study through its lease, the other never acts on it,
/// and takes it over when the owner dies, without a restart.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class TwoHostTakeoverTests(RabbitNode rabbit, ITestOutputHelper output)
{
    private const int LeaseSeconds = 5;
    private const int Parallelism = 8;
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(LeaseSeconds + 10);

    [Fact]
    public async Task Two_hosts_run_a_400_trial_study_each_trial_once_and_the_survivor_finishes_a_study_whose_owner_was_killed()
    {
        var broker = await rabbit.CreateVhostAsync("twohosts");
        using var rig = new DurabilityRig(broker);
        await using var hostA = await rig.StartHostAsync("host-a", LeaseSeconds);
        await using var hostB = await rig.StartHostAsync("host-b", LeaseSeconds);
        await using var worker1 = await rig.StartWorkerAsync("worker-1", "noop", concurrency: Parallelism / 2);
        await using var worker2 = await rig.StartWorkerAsync("worker-2", "noop", concurrency: Parallelism / 2);
        ChildProcess[] hosts = [hostA, hostB];
        using var watch = new StoreWatch(rig.Storage);

        var big = Stopwatch.StartNew();
        await using (var submit = FollowedSubmit.Start(broker, rig.WriteSpec("two-hosts", Spec("two-hosts", trials: 400, seconds: 0))))
        {
            var summary = await submit.SummaryAsync(TimeSpan.FromMinutes(3));
            var studyId = Guid.Parse(summary.GetProperty("studyId").GetString()!);
            var owner = await StoreTables.ReadLeaseAsync(rig.Storage, studyId);
            var dropped = await StoreTables.DroppedAsync(rig.Storage, studyId);
            DurabilitySummary.Record(output, string.Create(CultureInfo.InvariantCulture, $"two-hosts study=400 trials seconds={big.Elapsed.TotalSeconds:F1} owner={owner?.Owner ?? "(released)"} dropped={dropped.Values.Sum()}"));
            Assert.Equal(400, summary.GetProperty("trials").GetProperty("completed").GetInt32());
            await AssertEachTrialOnceAsync(watch, rig.Storage, studyId, 400);
        }

        var takeoverSpec = rig.WriteSpec("takeover", Spec("takeover", trials: 120, seconds: 0.1));
        await using var followed = FollowedSubmit.Start(broker, takeoverSpec);
        var study = await WaitForStudyAsync(watch, "takeover");
        var lease = await StoreTables.WaitForOwnerAsync(rig.Storage, study.Id, TimeSpan.FromSeconds(30));
        var owning = hosts.SingleOrDefault(h => h.Id == lease.OwnerProcessId)
            ?? throw new InvalidOperationException($"lease owner {lease.Owner} is neither host-a ({hostA.Id}) nor host-b ({hostB.Id})");
        var survivor = hosts.Single(h => h != owning);
        var before = await watch.WaitForTrialsAsync(study.Id, t => t.Count(x => x.State == TrialState.Completed) >= 15, TimeSpan.FromSeconds(60), "15 trials before the kill");

        owning.Kill();
        var sinceKill = Stopwatch.StartNew();
        var completedAtKill = before.Count(t => t.State == TrialState.Completed);
        System.Text.Json.JsonElement takeover;
        try
        {
            takeover = await followed.SummaryAsync(TakeoverLimit + TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}\nkilled {owning.Name} (pid {owning.Id}) at {completedAtKill} completed\n{await StudyDiagnosis.DescribeAsync(rig.Storage, "takeover", survivor)}", timeout);
        }

        var elapsed = sinceKill.Elapsed;
        var after = await StoreTables.ReadLeaseAsync(rig.Storage, study.Id);
        DurabilitySummary.Record(output, string.Create(CultureInfo.InvariantCulture, $"two-hosts takeover killed={owning.Name} completed-at-kill={completedAtKill}/120 lease={LeaseSeconds}s finished-after-kill={elapsed.TotalSeconds:F1}s owner-after={after?.Owner ?? "(released)"}"));

        Assert.True(completedAtKill < 120, "the study finished before the owner was killed; the drill did not exercise the takeover");
        Assert.False(survivor.HasExited, survivor.Output);
        Assert.Equal(120, takeover.GetProperty("trials").GetProperty("completed").GetInt32());
        await AssertEachTrialOnceAsync(watch, rig.Storage, study.Id, 120);
        if (after is not null)
        {
            Assert.Equal(survivor.Id, after.OwnerProcessId);
        }

        Assert.True(elapsed <= TakeoverLimit, $"the survivor finished {elapsed.TotalSeconds:F1} s after the kill (limit: lease {LeaseSeconds} s + 10 s):\n{survivor.Output}");
    }

    private static string Spec(string name, int trials, double seconds) => $$"""
        study: {{name}}
        trials: {{trials}}
        parallelism: {{Parallelism}}
        sampler: { type: random, seed: 11 }
        trainer: noop
        fixed: { seconds: {{seconds.ToString(CultureInfo.InvariantCulture)}} }
        space: { x: { type: float, low: 0, high: 1 } }
        """;

    private static async Task<StudyRecord> WaitForStudyAsync(StoreWatch watch, string name)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await watch.Store.FindStudyAsync(name) is { } study)
            {
                return study;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"no host stored study {name} within 30 s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Completed, exactly <paramref name="count"/> trials numbered 0..count-1, each run as one attempt, nothing left unsent.</summary>
    private static async Task AssertEachTrialOnceAsync(StoreWatch watch, string storage, Guid studyId, int count)
    {
        var unsent = await StoreTables.UnsentAsync(storage, studyId, TimeSpan.FromSeconds(5));
        Assert.True(unsent.Count == 0, $"committed but never relayed: {string.Join(", ", unsent)}");
        Assert.Equal(StudyStatus.Completed, (await watch.Store.GetStudyAsync(studyId))!.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(Enumerable.Range(0, count), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal((TrialState.Completed, 1), (t.State, t.Attempt)));
        foreach (var trial in trials)
        {
            Assert.Single(await watch.Store.LoadAttemptsAsync(trial.Id));
        }
    }
}
