using System.Text.Json;
using HyperBus.Cli.Running.LocalPython;
using HyperBus.Contracts;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperBus.Cli.Tests;

/// <summary>
/// The local Python worker enforces a trial's deadline: a trainer that overruns is killed and its attempt
/// reported failed (retryable), and the worker serves the next trial. Real Python, the SDK's <c>conformance</c>
/// kind told to sleep past its timeout.
/// </summary>
public sealed class LocalWorkerDeadlineTests
{
    [Fact]
    public async Task A_trainer_that_overruns_its_timeout_is_killed_failed_and_the_next_trial_runs()
    {
        await using var provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var kind = new PythonTrainerKind("conformance", null, []);
        var sdk = Path.Combine(CliProcess.RepoRoot, "plugins/python");
        await using var worker = LocalWorkerProcess.Start("/usr/bin/python3", sdk, kind, processes: 1, verbose: false, harness.Bus, NullLogger.Instance);

        var hung = Request(new() { ["sleepSeconds"] = 120 }, timeoutSeconds: 1);
        await worker.RunAsync(hung, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var failed = harness.Published.Select<TrialFailed>(m => m.Context.Message.TrialId == hung.TrialId).Single().Context.Message;
        Assert.True(failed.Retryable);
        Assert.Contains("deadline passed", failed.Error, StringComparison.Ordinal);
        Assert.Contains("killed", failed.Error, StringComparison.Ordinal);

        var next = Request(new() { ["value"] = 0.7 }, timeoutSeconds: 30);
        await worker.RunAsync(next, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var completed = harness.Published.Select<TrialCompleted>(m => m.Context.Message.TrialId == next.TrialId).Single().Context.Message;
        Assert.Equal(0.7, completed.Value);
        Assert.False(worker.HasExited); // the same worker: only its trainer process was replaced
    }

    private static TrialRequested Request(Dictionary<string, double> parameters, double timeoutSeconds) => new(
        Guid.NewGuid(), Guid.NewGuid(), 0, 1, "conformance", "value",
        parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
        new Dictionary<string, JsonElement>(), null, null, DateTimeOffset.UtcNow.AddHours(1), timeoutSeconds);
}
