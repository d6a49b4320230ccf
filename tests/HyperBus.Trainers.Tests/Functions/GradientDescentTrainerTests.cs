using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.Functions;

namespace HyperBus.Trainers.Tests.Functions;

/// <summary>The resumable C# trainer: a run split at a checkpoint ends exactly where the straight run ends.</summary>
public sealed class GradientDescentTrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hyperbus-ckpt-").FullName;

    [Fact]
    public async Task Resuming_from_a_checkpoint_continues_the_same_descent()
    {
        var trainer = new GradientDescentTrainer();
        var straight = await trainer.TrainAsync(Context(steps: 200, rate: 1e-4, checkpoint: null), CancellationToken.None);
        var half = await trainer.TrainAsync(Context(steps: 100, rate: 1e-4, checkpoint: null), CancellationToken.None);
        var resumed = await trainer.TrainAsync(Context(steps: 200, rate: 1e-4, checkpoint: half.Checkpoint), CancellationToken.None);

        Assert.Equal(straight.Value, resumed.Value, 12);
        Assert.True(resumed.Value < half.Value, $"another 100 steps should improve on {half.Value}, got {resumed.Value}");
        Assert.StartsWith(_root, resumed.Checkpoint, StringComparison.Ordinal);
        Assert.NotEqual(half.Checkpoint, resumed.Checkpoint); // one folder per trial
        var state = JsonSerializer.Deserialize<DescentState>(await File.ReadAllTextAsync(resumed.Checkpoint!))!;
        Assert.Equal(200, state.Step);
    }

    [Fact]
    public async Task A_new_learning_rate_applies_from_the_checkpoint_on()
    {
        var trainer = new GradientDescentTrainer();
        var half = await trainer.TrainAsync(Context(steps: 100, rate: 1e-4, checkpoint: null), CancellationToken.None);
        var same = await trainer.TrainAsync(Context(steps: 200, rate: 1e-4, checkpoint: half.Checkpoint), CancellationToken.None);
        var changed = await trainer.TrainAsync(Context(steps: 200, rate: 2e-5, checkpoint: half.Checkpoint), CancellationToken.None);
        Assert.NotEqual(same.Value, changed.Value);
    }

    [Fact]
    public async Task A_missing_checkpoint_fails_the_trial_for_good_and_says_where_to_look()
    {
        var error = await Assert.ThrowsAsync<TrialFailedException>(() =>
            new GradientDescentTrainer().TrainAsync(Context(steps: 10, rate: 1e-4, checkpoint: Path.Combine(_root, "gone.json")), CancellationToken.None));
        Assert.Contains(CheckpointFolders.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TrialContext Context(int steps, double rate, string? checkpoint)
    {
        var request = new TrialRequested(
            Guid.NewGuid(), Guid.NewGuid(), 0, 1, GradientDescentTrainer.Kind, "loss",
            new Dictionary<string, JsonElement> { ["learningRate"] = JsonSerializer.SerializeToElement(rate) },
            new Dictionary<string, JsonElement> { ["function"] = JsonSerializer.SerializeToElement("rosenbrock") },
            new TrialBudget("steps", steps), checkpoint, DateTimeOffset.MaxValue);
        return new TrialContext(request, (_, _, _, _) => Task.FromResult(TrialAction.Continue)) { CheckpointRoot = _root };
    }
}
