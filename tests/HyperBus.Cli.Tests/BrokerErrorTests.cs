using System.Diagnostics;

namespace HyperBus.Cli.Tests;

/// <summary>
/// Broker trouble is one line naming the URL with its password masked, and exit code 2 within seconds: a refused
/// login, an unknown virtual host and an unreachable broker, for every command that talks to RabbitMQ.
/// Runs against the real node the test run starts (HYPERBUS_TEST_RABBITMQ).
/// </summary>
public sealed class BrokerErrorTests
{
    private const string Password = "wr0ng-Pa55";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var command in new[] { "tune examples/iris-svc-grid.yaml", "submit examples/iris-svc-grid.yaml", "host", "worker --trainer function" })
        {
            data.Add(command, "wrong password", "refused the login (ACCESS_REFUSED)");
            data.Add(command, "unknown vhost", "virtual host 'no-such-vhost' (NOT_ALLOWED)");
            data.Add(command, "unreachable", "cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Broker_trouble_is_one_line_and_exit_code_2(string command, string trouble, string expected)
    {
        var node = new Uri(Environment.GetEnvironmentVariable("HYPERBUS_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("HYPERBUS_TEST_RABBITMQ is not set: run tests/run-all.sh, which starts a RabbitMQ node"));
        var url = trouble switch
        {
            "wrong password" => $"amqp://guest:{Password}@{node.Authority}/",
            "unknown vhost" => $"amqp://{node.UserInfo}@{node.Authority}/no-such-vhost",
            _ => "amqp://guest:guest@127.0.0.1:1/",
        };
        var clock = Stopwatch.StartNew();

        var run = await CliProcess.RunAsync($"{command} --transport rabbitmq --rabbitmq {url} --storage /tmp/hyperbus-broker-error-{Guid.NewGuid():N}.db", TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
        if (node.UserInfo.Split(':') is [_, var nodePassword] && nodePassword.Length > 0 && nodePassword != "guest")
        {
            Assert.DoesNotContain(nodePassword, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }
    }
}
