using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests;

/// <summary>
/// Fault drills on real processes and a real RabbitMQ: workers and the host killed with SIGKILL, the
/// broker restarted, trainers that hang, crash or return NaN. A study must finish with every trial
/// counted exactly once and nothing completed before the fault lost.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class FaultToleranceTests(RabbitNode rabbit) : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-fault-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task A_worker_killed_mid_trial_leaves_its_trials_to_another_worker_and_each_completes_once()
    {
        var broker = await rabbit.CreateVhostAsync("killw");
        await using var host = await StartHostAsync(broker);
        await using var doomed = await StartWorkerAsync(broker, "worker-doomed");
        var studyId = await StudyRun.SubmitAsync(broker, Spec("kill-worker", trials: 12, parallelism: 4, seconds: 1.5));
        using var watch = new StoreWatch(Storage);
        await watch.WaitForTrialsAsync(studyId, t => t.Count(x => x.StartedAt is not null && !x.IsFinished) >= 2, Ready, "two trials running on the doomed worker");

        doomed.Kill();
        await using var survivor = await StartWorkerAsync(broker, "worker-survivor");
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(3));

        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        // The broker redelivered the killed worker's requests as they were: same attempt, no retry spent.
        Assert.All(trials, t => Assert.Equal(1, t.Attempt));
        Assert.Equal(Enumerable.Range(0, 12), trials.Select(t => t.Number));
        await AssertTrainerQueueDrainedAsync(broker, "noop");
    }

    [Fact]
    public async Task The_host_killed_mid_study_resumes_from_the_store_and_loses_no_outcome_sent_while_it_was_down()
    {
        var broker = await rabbit.CreateVhostAsync("killh");
        var host = await StartHostAsync(broker, "host-1");
        await using var worker = await StartWorkerAsync(broker, "worker", concurrency: 4);
        var studyId = await StudyRun.SubmitAsync(broker, Spec("kill-host", trials: 40, parallelism: 4, seconds: 0.4, timeout: 15));
        using var watch = new StoreWatch(Storage);
        var before = await watch.WaitForTrialsAsync(studyId, t => t.Count(x => x.State == TrialState.Completed) >= 8, Ready, "8 trials completed");
        var completedBefore = before.Where(t => t.State == TrialState.Completed).ToDictionary(t => t.Id, t => t.Value);

        host.Kill();
        await host.DisposeAsync();
        // The trials in flight finish while no host listens: their outcomes wait in the host's queue.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var waiting = await QueueDepthAsync(broker, "hyperbus-host");
        await using var restarted = await StartHostAsync(broker, "host-2");
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(3));

        Assert.True(waiting > 0, "no outcome was waiting for the restarted host; the drill did not exercise the gap");
        Assert.Equal(StudyStatus.Completed, study.Status);
        Assert.Contains("Resumed study kill-host", restarted.Output, StringComparison.Ordinal);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.Equal(40, trials.Count);
        Assert.Equal(Enumerable.Range(0, 40), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var (id, value) in completedBefore)
        {
            Assert.Equal(value, trials.Single(t => t.Id == id).Value);
        }

        // A request lost in the crash (stored, never sent) is the only reason for a second attempt.
        foreach (var trial in trials.Where(t => t.Attempt > 1))
        {
            var attempts = await watch.Store.LoadAttemptsAsync(trial.Id);
            Assert.Contains("deadline", attempts[0].Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_broker_restarted_mid_study_host_and_workers_reconnect_and_the_study_completes()
    {
        var broker = await rabbit.CreateVhostAsync("restart");
        await using var host = await StartHostAsync(broker);
        await using var csharp = await StartWorkerAsync(broker, "worker-cs", concurrency: 2);
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer fault-sleep --concurrency 2");
        await python.WaitForOutputAsync("serving", Ready);
        var noop = await StudyRun.SubmitAsync(broker, Spec("restart-cs", trials: 30, parallelism: 3, seconds: 0.3));
        var py = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "py.yaml", """
            study: restart-py
            trials: 20
            parallelism: 2
            sampler: { type: random, seed: 2 }
            trainer: fault-sleep
            fixed: { seconds: 0.3 }
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(Storage);
        await watch.WaitForTrialsAsync(noop, t => t.Count(x => x.State == TrialState.Completed) >= 5, Ready, "5 trials before the restart");

        await rabbit.Ctl("stop_app");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await rabbit.Ctl("start_app");
        await rabbit.Ctl("await_startup");

        foreach (var (id, count) in new[] { (noop, 30), (py, 20) })
        {
            var study = await watch.WaitForEndAsync(id, TimeSpan.FromMinutes(3));
            Assert.Equal(StudyStatus.Completed, study.Status);
            var trials = await watch.Store.LoadTrialsAsync(id);
            Assert.Equal(count, trials.Count(t => t.State == TrialState.Completed));
            Assert.Equal(Enumerable.Range(0, count), trials.Select(t => t.Number));
        }

        Assert.False(host.HasExited, host.Output);
        Assert.Contains("reconnecting", python.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trainers_that_crash_or_return_NaN_or_infinity_fail_the_attempt_with_the_reason_and_are_retried()
    {
        var broker = await rabbit.CreateVhostAsync("flaky");
        await using var host = await StartHostAsync(broker);
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer fault-flaky --concurrency 2");
        await python.WaitForOutputAsync("serving", Ready);
        var studyId = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "flaky.yaml", """
            study: flaky
            trials: 6
            parallelism: 3
            maxAttempts: 2
            sampler: { type: random, seed: 3 }
            trainer: fault-flaky
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(Storage);
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(2));

        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.All(trials, t => Assert.Equal((TrialState.Completed, 2), (t.State, t.Attempt)));
        var reasons = new List<string>();
        foreach (var trial in trials)
        {
            var attempts = await watch.Store.LoadAttemptsAsync(trial.Id);
            Assert.Equal(2, attempts.Count);
            reasons.Add(attempts[0].Error!);
        }

        Assert.Contains(reasons, r => r.Contains("RuntimeError: simulated crash", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("objective is NaN", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("objective is inf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hung_trainer_is_failed_at_its_deadline_retried_and_its_worker_is_not_wedged()
    {
        var broker = await rabbit.CreateVhostAsync("hung");
        await using var host = await StartHostAsync(broker);
        // One slot: the retries only run if the worker lets go of the hung attempts.
        await using var python = ChildProcess.FaultWorker("worker-py", $"--rabbitmq {broker} --trainer fault-hang-first --concurrency 1");
        await python.WaitForOutputAsync("serving", Ready);
        var studyId = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "hung.yaml", """
            study: hung
            trials: 4
            parallelism: 2
            maxAttempts: 2
            trialTimeoutSeconds: 2
            sampler: { type: random, seed: 4 }
            trainer: fault-hang-first
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(Storage);
        var study = await watch.WaitForEndAsync(studyId, TimeSpan.FromMinutes(2));

        Assert.Equal(StudyStatus.Completed, study.Status);
        var trials = await watch.Store.LoadTrialsAsync(studyId);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        foreach (var trial in trials.Where(t => t.Number % 2 == 0))
        {
            Assert.Equal(2, trial.Attempt);
            var attempts = await watch.Store.LoadAttemptsAsync(trial.Id);
            Assert.Contains("deadline", attempts[0].Error, StringComparison.Ordinal);
        }

        Assert.Contains("abandoned", python.Output, StringComparison.Ordinal);
    }

    private string Spec(string name, int trials, int parallelism, double seconds, int timeout = 3600) =>
        StudyRun.WriteSpec(_dir.FullName, $"{name}.yaml", $$"""
            study: {{name}}
            trials: {{trials}}
            parallelism: {{parallelism}}
            trialTimeoutSeconds: {{timeout}}
            sampler: { type: random, seed: 1 }
            trainer: noop
            fixed: { seconds: {{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

    private async Task<ChildProcess> StartHostAsync(Uri broker, string name = "host")
    {
        var host = ChildProcess.Hyperbus(name, $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        await host.WaitForOutputAsync("Bus started", Ready);
        return host;
    }

    private static async Task<ChildProcess> StartWorkerAsync(Uri broker, string name, int concurrency = 2)
    {
        var worker = ChildProcess.Hyperbus(name, $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency {concurrency} --verbose");
        await worker.WaitForOutputAsync("Bus started", Ready);
        return worker;
    }

    private async Task<int> QueueDepthAsync(Uri broker, string queue)
    {
        var listed = await rabbit.Ctl($"list_queues -p {broker.AbsolutePath.Trim('/')} name messages");
        var line = listed.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(p => p.Length == 2 && p[0] == queue);
        return line is null ? 0 : int.Parse(line[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task AssertTrainerQueueDrainedAsync(Uri broker, string kind)
    {
        var depth = -1;
        for (var i = 0; i < 50 && depth != 0; i++)
        {
            depth = await QueueDepthAsync(broker, Contracts.MessageNames.TrainerQueue(kind));
            await Task.Delay(depth == 0 ? 0 : 200);
        }

        Assert.Equal(0, depth);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
