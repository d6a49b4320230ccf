using HyperBus.Contracts;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Tests.Support;
using MassTransit.Testing;

namespace HyperBus.Orchestration.Tests.Saga;

public sealed class When_a_study_runs : IDisposable
{
    private readonly TempStore _store = new();

    [Fact]
    public async Task It_runs_the_requested_trials_and_reports_the_best()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: quadratic
            trials: 12
            parallelism: 3
            sampler: { type: random, seed: 3 }
            trainer: {{QuadraticTrainer.Kind}}
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal(StudyOutcome.Completed, completed.Outcome);
        Assert.Equal(12, completed.Completed);
        Assert.Equal(0, completed.Failed);
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        var best = trials.MinBy(t => t.Value)!;
        Assert.Equal(best.Value, completed.BestValue);
        Assert.Equal(best.Number, completed.BestTrialNumber);
        Assert.Equal(Core.Storage.StudyStatus.Completed, (await host.Store.GetStudyAsync(completed.StudyId))!.Status);
    }

    [Fact]
    public async Task It_keeps_exactly_parallelism_trials_in_flight()
    {
        await using var host = await HostHarness.StartAsync(_store.Path, workerConcurrency: 8);
        await host.RunAsync($$"""
            study: parallel
            trials: 12
            parallelism: 3
            trainer: {{QuadraticTrainer.Kind}}
            fixed: { delayMs: 150 }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        // The workers could run 8 at once; the saga must hold it to the spec's 3, and reach 3.
        Assert.Equal(3, host.Probe.MaxRunning);
        Assert.Equal(12, host.Probe.Runs.Count);
    }

    [Fact]
    public async Task A_grid_runs_each_combination_exactly_once_and_then_ends()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: grid
            parallelism: 2
            sampler: grid
            trainer: {{QuadraticTrainer.Kind}}
            space:
              x: { type: float, values: [0.1, 0.3, 0.9] }
              delayMs: { type: int, values: [1, 2] }
            """);

        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.Equal(6, trials.Count);
        Assert.Equal(6, trials.Select(t => t.Params.ToString()).Distinct().Count());
        Assert.Equal(0.3, (double)completed.BestParams!["x"].GetDouble(), 12);
        Assert.Equal(6, host.Probe.Runs.Count);
    }

    [Fact]
    public async Task Every_outcome_is_recorded_once_in_the_store()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var completed = await host.RunAsync($$"""
            study: counted
            trials: 20
            parallelism: 4
            trainer: {{QuadraticTrainer.Kind}}
            fixed: { delayMs: 1 }
            space: { x: { type: float, low: 0, high: 1 } }
            """);

        Assert.Equal(20, await host.Harness.Published.SelectAsync<TrialCompleted>().Count());
        Assert.Equal(20, await host.Harness.Sent.SelectAsync<TrialRequested>().Count());
        var trials = await host.Store.LoadTrialsAsync(completed.StudyId);
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number));
    }

    public void Dispose() => _store.Dispose();
}
