using System.Globalization;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using HyperBus.Storage;

namespace HyperBus.Integration.Tests;

/// <summary>
/// PBT end to end: a host and two Python workers sharing a checkpoint folder on a real RabbitMQ; each
/// generation resumes the pickled networks the previous one wrote, whichever worker wrote them.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class PbtOverRabbitMqTests(RabbitNode rabbit) : IDisposable
{
    private const int Members = 4;
    private const int Generations = 3;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-pbt-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    private string Checkpoints => Path.Combine(_dir.FullName, "checkpoints");

    [Fact]
    public async Task Every_member_resumes_its_parents_checkpoint_and_trains_to_its_budget()
    {
        var broker = await rabbit.CreateVhostAsync("pbt");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        await using var python1 = ChildProcess.PythonWorker("worker-py-1", $"--rabbitmq {broker} --trainer pbt-digits --checkpoints \"{Checkpoints}\"");
        await using var python2 = ChildProcess.PythonWorker("worker-py-2", $"--rabbitmq {broker} --trainer pbt-digits --checkpoints \"{Checkpoints}\"");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await python1.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));
        await python2.WaitForOutputAsync("serving", TimeSpan.FromSeconds(60));

        var spec = StudyRun.WriteSpec(_dir.FullName, "pbt.yaml", $$"""
            study: pbt-digits-e2e
            direction: minimize
            metric: log_loss
            trials: 100
            parallelism: {{Members}}
            trainer: pbt-digits
            fidelity: { name: epochs, min: 1, max: {{Generations}} }
            scheduler: { type: pbt, populationSize: {{Members}}, seed: 2 }
            fixed: { seed: 0 }
            space:
              learning_rate: { type: float, low: 0.001, high: 0.5, log: true }
            """);

        var summary = await StudyRun.SubmitAndWaitAsync(broker, spec);

        Assert.Equal(Members * Generations, summary.GetProperty("trials").GetProperty("completed").GetInt32());
        using var store = new SqliteStudyStore(Storage);
        var trials = await store.LoadTrialsAsync(Guid.Parse(summary.GetProperty("studyId").GetString()!));
        Assert.Equal(Members * Generations, trials.Count);
        foreach (var t in trials)
        {
            var generation = t.Number / Members;
            Assert.Equal(generation + 1, t.Budget);
            Assert.StartsWith(Path.GetFullPath(Checkpoints), t.Checkpoint, StringComparison.Ordinal);
            Assert.True(File.Exists(t.Checkpoint), $"trial {t.Number}'s checkpoint {t.Checkpoint} is missing");
            Assert.Equal([(long)(generation + 1)], t.Reports.Select(r => r.Step)); // trained up to its budget
            if (generation == 0)
            {
                Assert.False(t.Attributes.ContainsKey(TrialAttributeKeys.ResumeFrom));
                continue;
            }

            var parent = trials[int.Parse(t.Attributes["pbt.parent"], CultureInfo.InvariantCulture)];
            Assert.Equal(generation - 1, parent.Number / Members);
            Assert.Equal(parent.Checkpoint, t.Attributes[TrialAttributeKeys.ResumeFrom]);
        }

        Assert.Contains(trials, t => t.Attributes["pbt.action"] == "exploit");
        Assert.Equal(trials.Where(t => t.State == TrialState.Completed).Min(t => t.Value), summary.GetProperty("bestValue").GetDouble());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
