using System.Text.Json;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using HyperBus.Storage;

namespace HyperBus.Integration.Tests;

/// <summary>
/// Pruning end to end: a host and Python workers training a network epoch by epoch on a real RabbitMQ;
/// reports go to the host's scheduler, its stop decisions come back to <c>ctx.report</c>.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class PruningOverRabbitMqTests(RabbitNode rabbit) : IDisposable
{
    private const int Trials = 16;
    private const int MaxEpochs = 9;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-prune-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Theory]
    [InlineData("asha", "{ type: asha, reductionFactor: 3, seed: 1 }", "{ type: random, seed: 3 }")]
    [InlineData("bohb", "{ type: bohb, reductionFactor: 3, seed: 1 }", null)]
    public async Task Trials_are_pruned_with_their_last_value_and_the_study_completes_with_the_right_counts(string name, string scheduler, string? sampler)
    {
        var broker = await rabbit.CreateVhostAsync(name);
        var bus = $"--transport rabbitmq --rabbitmq {broker}";
        await using var host = ChildProcess.Hyperbus("host", $"host {bus} --storage \"{Storage}\" --verbose");
        await using var python1 = ChildProcess.PythonWorker("worker-py-1", $"--rabbitmq {broker} --trainer mlp-digits");
        await using var python2 = ChildProcess.PythonWorker("worker-py-2", $"--rabbitmq {broker} --trainer mlp-digits");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await python1.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        await python2.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));

        var spec = StudyRun.WriteSpec(_dir.FullName, $"{name}.yaml", $$"""
            study: prune-{{name}}
            direction: maximize
            metric: accuracy
            trials: {{Trials}}
            parallelism: 2
            {{(sampler is null ? string.Empty : "sampler: " + sampler)}}
            scheduler: {{scheduler}}
            fidelity: { name: epochs, min: 1, max: {{MaxEpochs}} }
            trainer: mlp-digits
            fixed: { dataset: digits, batchSize: 128 }
            space:
              learningRate: { type: float, low: 0.00001, high: 0.1, log: true }
              hiddenUnits: { type: int, low: 4, high: 32, log: true }
              alpha: { type: float, low: 0.000001, high: 0.1, log: true }
            """);

        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);

        var counts = summary.GetProperty("trials");
        int Count(string state) => counts.GetProperty(state).GetInt32();
        Assert.Equal(Trials, Count("completed") + Count("pruned") + Count("failed"));
        Assert.Equal(0, Count("failed"));
        Assert.InRange(Count("pruned"), 1, Trials - 1);

        using var store = new SqliteStudyStore(Storage);
        var trials = await store.LoadTrialsAsync(Guid.Parse(summary.GetProperty("studyId").GetString()!));
        Assert.Equal(Trials, trials.Count);
        Assert.Equal(Count("pruned"), trials.Count(t => t.State == TrialState.Pruned));
        Assert.Equal(Count("completed"), trials.Count(t => t.State == TrialState.Completed));
        foreach (var t in trials)
        {
            // Every trial had the full budget and reported each epoch it trained, in order.
            Assert.Equal(MaxEpochs, t.Budget);
            Assert.Equal(Enumerable.Range(1, t.Reports.Count).Select(s => (long)s), t.Reports.Select(r => r.Step));
            Assert.Equal(t.LastReport!.Value, t.Value);
            Assert.Equal(t.State == TrialState.Completed ? MaxEpochs : t.Reports.Count, t.Reports.Count);
            if (t.State == TrialState.Pruned)
            {
                Assert.True(t.Reports.Count < MaxEpochs, $"trial {t.Number} was pruned after its last epoch");
            }
        }

        // The best trial is a completed one and is what the summary reports.
        var best = trials.Where(t => t.State == TrialState.Completed).MaxBy(t => t.Value)!;
        Assert.Equal(best.Value, summary.GetProperty("bestValue").GetDouble());
        Assert.True(best.Value > 0.8, $"best accuracy {best.Value}");
        Assert.Equal(JsonValueKind.Object, summary.GetProperty("bestParams").ValueKind);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
