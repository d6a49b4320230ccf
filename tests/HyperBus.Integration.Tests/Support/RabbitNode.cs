using System.Diagnostics;

namespace HyperBus.Integration.Tests.Support;

/// <summary>
/// The real RabbitMQ node the tests run against: the one tests/run-all.sh started (HYPERBUS_TEST_RABBITMQ),
/// or a private node this fixture starts from Debian's rabbitmq-server. Each test gets its own vhost.
/// </summary>
public sealed class RabbitNode : IAsyncLifetime
{
    private string? _ownDir;

    public Uri BaseUri { get; private set; } = null!;

    public string Node { get; private set; } = null!;

    public string Home { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("HYPERBUS_TEST_RABBITMQ");
        if (url is not null)
        {
            BaseUri = new Uri(url);
            Node = Environment.GetEnvironmentVariable("HYPERBUS_TEST_RABBITMQ_NODE")!;
            Home = Environment.GetEnvironmentVariable("HYPERBUS_TEST_RABBITMQ_HOME")!;
            return;
        }

        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            throw new InvalidOperationException("RabbitMQ is not installed: apt-get install -y rabbitmq-server (or run tests/run-all.sh, which does)");
        }

        var start = await Bash("source tests/rabbitmq-node.sh && rabbit_start >&2 && echo \"$RABBIT_DIR|$RABBIT_NODE|$HYPERBUS_TEST_RABBITMQ|$HYPERBUS_TEST_RABBITMQ_HOME\"");
        var parts = start.Trim().Split('\n')[^1].Split('|');
        (_ownDir, Node, BaseUri, Home) = (parts[0], parts[1], new Uri(parts[2]), parts[3]);
    }

    public async Task DisposeAsync()
    {
        if (_ownDir is not null)
        {
            await Bash($"source tests/rabbitmq-node.sh && RABBIT_DIR='{_ownDir}' RABBIT_NODE='{Node}' rabbit_stop");
        }
    }

    /// <summary>A fresh vhost (durable queues of earlier tests cannot leak in) and its amqp URL.</summary>
    public async Task<Uri> CreateVhostAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await Ctl($"add_vhost {vhost}");
        await Ctl($"set_permissions -p {vhost} guest \".*\" \".*\" \".*\"");
        return new Uri(BaseUri, vhost);
    }

    public Task<string> Ctl(string arguments) =>
        Run("/usr/lib/rabbitmq/bin/rabbitmqctl", $"-q -n {Node} {arguments}", new Dictionary<string, string> { ["HOME"] = Home });

    private static Task<string> Bash(string script) => Run("bash", $"-c \"{script.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", null);

    private static async Task<string> Run(string file, string arguments, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
