using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// The start-up warm-up of <c>hyperbus host</c> and <c>hyperbus worker</c>: private no-op studies through the real
/// broker that leave nothing behind, never reach a study being served on the same vhost, and are skipped when work
/// is waiting (a restart's recovery must not wait for them).
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class StartupWarmUpTests(RabbitNode rabbit) : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-warmup-test-");

    [Fact]
    public async Task A_warmed_up_host_and_worker_run_a_study_and_leave_no_warm_up_topology_on_the_broker()
    {
        var broker = await rabbit.CreateVhostAsync("warm");
        var store = Path.Combine(_dir.FullName, "h.db");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{store}\" --verbose");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await host.WaitForOutputAsync("hyperbus: warmed up in", Ready);
        await worker.WaitForOutputAsync("hyperbus: warmed up in", Ready);
        await host.WaitForOutputAsync("Bus started", Ready);
        await worker.WaitForOutputAsync("Bus started", Ready);

        var summary = await StudyRun.SubmitAndWaitAsync(broker, Spec("after-warmup", trials: 60, seconds: 0));

        Assert.Equal(60, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        using var watch = new StoreWatch(store);
        var studies = await watch.Store.ListStudiesAsync(CancellationToken.None);
        Assert.Equal("after-warmup", Assert.Single(studies).Name); // the warm-up's studies went to a store of their own
        var trials = await watch.Store.LoadTrialsAsync(studies[0].Id);
        Assert.Equal(Enumerable.Range(0, 60), trials.Select(t => t.Number).Order());
        var vhost = broker.AbsolutePath.TrimStart('/');
        var exchanges = await rabbit.Ctl($"list_exchanges -p {vhost} name");
        var queues = await rabbit.Ctl($"list_queues -p {vhost} name");
        Assert.DoesNotContain("warmup", exchanges, StringComparison.Ordinal);
        Assert.DoesNotContain("warmup", queues, StringComparison.Ordinal);
        Assert.Contains("HyperBus.Contracts:TrialCompleted", exchanges, StringComparison.Ordinal); // the listing itself works
    }

    [Fact]
    public async Task A_worker_warming_up_beside_a_running_study_never_touches_it()
    {
        var broker = await rabbit.CreateVhostAsync("beside-warm");
        var store = Path.Combine(_dir.FullName, "h.db");
        await using var host = ChildProcess.Hyperbus("host", $"host --no-warmup --transport rabbitmq --rabbitmq {broker} --storage \"{store}\" --verbose");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --no-warmup --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await host.WaitForOutputAsync("Bus started", Ready);
        await worker.WaitForOutputAsync("Bus started", Ready);
        var studyId = await StudyRun.SubmitAsync(broker, Spec("served", trials: 300, seconds: 0.02));
        using var watch = new StoreWatch(store);
        await watch.WaitForTrialsAsync(studyId, t => t.Count >= 8, Ready, "the served study running");

        // Its private host and worker publish and consume the same message types while the real study runs.
        await using var warming = ChildProcess.Hyperbus("warming worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await warming.WaitForOutputAsync("hyperbus: warmed up in", Ready);

        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(3));
        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(300, trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal(Enumerable.Range(0, 300), trials.Select(t => t.Number).Order());
        Assert.Single(await watch.Store.ListStudiesAsync(CancellationToken.None));
        Assert.DoesNotContain("no such study in this host's store", host.Output, StringComparison.Ordinal); // no warm-up outcome reached it
    }

    [Fact]
    public async Task A_host_restarted_with_a_running_study_and_a_worker_with_requests_waiting_serve_at_once()
    {
        var broker = await rabbit.CreateVhostAsync("skip-warm");
        var store = Path.Combine(_dir.FullName, "h.db");
        Guid studyId;
        await using (var first = ChildProcess.Hyperbus("host", $"host --no-warmup --transport rabbitmq --rabbitmq {broker} --storage \"{store}\" --verbose"))
        {
            await first.WaitForOutputAsync("Bus started", Ready);
            studyId = await StudyRun.SubmitAsync(broker, Spec("waiting", trials: 20, seconds: 0));
            // No worker yet: the study runs and its first requests wait in the trainer queue.
            await WaitForWaitingRequestsAsync(broker, 4);
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{store}\" --verbose");
        await host.WaitForOutputAsync("hyperbus: no start-up warm-up (1 running study to resume): serving at once", Ready);
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await worker.WaitForOutputAsync("trial request(s) waiting): serving at once", Ready);

        using var watch = new StoreWatch(store);
        Assert.Equal(StudyStatus.Completed, (await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(2))).Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.DoesNotContain("warmed up in", host.Output + worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_stopped_by_SIGTERM_in_the_middle_of_its_warm_up_exits_and_deletes_what_it_declared()
    {
        var broker = await rabbit.CreateVhostAsync("stop-warm");
        var vhost = broker.AbsolutePath.TrimStart('/');
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 4 --verbose");
        await worker.WaitForOutputAsync("hyperbus: warming up through the broker", Ready);
        // Its private bus is up by now (the warm-up then runs for 3-10 s more): the stop lands mid-way.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        using (var term = System.Diagnostics.Process.Start("kill", $"-TERM {worker.Id}"))
        {
            await term.WaitForExitAsync();
        }

        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("warmed up in", worker.Output, StringComparison.Ordinal); // it was stopped mid-way
        Assert.DoesNotContain("Bus started", worker.Output, StringComparison.Ordinal); // and never served
        Assert.DoesNotContain("warmup", await rabbit.Ctl($"list_queues -p {vhost} name"), StringComparison.Ordinal);
        Assert.DoesNotContain("warmup", await rabbit.Ctl($"list_exchanges -p {vhost} name"), StringComparison.Ordinal);
    }

    private async Task WaitForWaitingRequestsAsync(Uri broker, int count)
    {
        var vhost = broker.AbsolutePath.TrimStart('/');
        var deadline = DateTime.UtcNow + Ready;
        while (true)
        {
            var listing = await rabbit.Ctl($"list_queues -p {vhost} name messages_ready");
            var noop = listing.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(p => p.Length == 2 && p[0] == "hyperbus-trainer-noop");
            if (noop is not null && int.Parse(noop[1].Trim(), System.Globalization.CultureInfo.InvariantCulture) >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} requests waiting in hyperbus-trainer-noop:\n{listing}");
            await Task.Delay(200);
        }
    }

    private string Spec(string name, int trials, double seconds) => StudyRun.WriteSpec(_dir.FullName, $"{name}.yaml", $$"""
        study: {{name}}
        trials: {{trials}}
        parallelism: 4
        sampler: { type: random, seed: 3 }
        trainer: noop
        fixed: { seconds: {{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }
        space: { x: { type: float, low: 0, high: 1 } }
        """);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
