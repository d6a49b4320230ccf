namespace HyperBus.Cli.Tests;

/// <summary>Broker credentials come from the command line, the environment or a secret file, and are never printed.</summary>
public sealed class CredentialTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-cred-");

    [Fact]
    public async Task The_broker_url_is_read_from_the_file_named_by_HYPERBUS_RABBITMQ_FILE_and_its_password_never_shown()
    {
        var secret = Path.Combine(_dir.FullName, "rabbitmq-url");
        await File.WriteAllTextAsync(secret, "amqp://alice:file-s3cret@127.0.0.1:1/prod\n");

        var run = await CliProcess.RunAsync("submit examples/iris-svc-grid.yaml --transport rabbitmq --verbose",
            environment: new Dictionary<string, string> { ["HYPERBUS_RABBITMQ_FILE"] = secret, ["HYPERBUS_RABBITMQ"] = "" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot reach RabbitMQ at amqp://alice:***@127.0.0.1:1/prod", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("file-s3cret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_secret_file_is_a_clear_error_naming_the_variable()
    {
        var run = await CliProcess.RunAsync("submit examples/iris-svc-grid.yaml --transport rabbitmq",
            environment: new Dictionary<string, string> { ["HYPERBUS_RABBITMQ_FILE"] = Path.Combine(_dir.FullName, "missing"), ["HYPERBUS_RABBITMQ"] = "" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HYPERBUS_RABBITMQ_FILE: cannot read", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
