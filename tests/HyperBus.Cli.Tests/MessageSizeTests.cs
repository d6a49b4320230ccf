using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Submission;

namespace HyperBus.Cli.Tests;

/// <summary>
/// A study too big for its message is refused by the submitter, exit 2 naming the limit, before anything is
/// sent: the host would park it and a waiting submitter would wait for ever (submit used to print "submitted").
/// </summary>
public sealed class MessageSizeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-size-");

    [Fact]
    public async Task Submit_refuses_a_spec_too_large_for_its_message_before_connecting()
    {
        var file = Path.Combine(_dir.FullName, "big.yaml");
        await File.WriteAllTextAsync(file, "study: big\ntrials: 5\ntrainer: function\nspace: { x: { type: float, low: 0, high: 1 } }\nfixed: { blob: '" + new string('x', 600_000) + "' }\n");

        // Port 1 answers nobody: the refusal must come before any connection is tried.
        var run = await CliProcess.RunAsync($"submit \"{file}\" --transport rabbitmq --rabbitmq amqp://guest:guest@127.0.0.1:1/ --json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fit in the message that carries a study", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_submitter_measures_the_message_against_the_bus_limit()
    {
        using var spec = JsonDocument.Parse("{\"study\":\"" + new string('s', 2_000) + "\"}");
        var message = new SubmitStudy(Guid.NewGuid(), spec.RootElement, DateTimeOffset.UnixEpoch);

        SubmissionSize.EnsureFits(message, new HyperBusOptions());
        var e = Assert.Throws<SpecException>(() => SubmissionSize.EnsureFits(message, new HyperBusOptions { MaxMessageBytes = 1_000 }));
        Assert.Contains("over the 1000-byte message limit", Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
