using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Submission;

namespace HyperBus.Cli.Running;

/// <summary>Fails fast with a clear message when the broker cannot be reached, instead of a bus that retries forever.</summary>
public static class BrokerProbe
{
    public static Task EnsureReachableAsync(BusCommandOptions options, CancellationToken cancellationToken) =>
        options.Transport != BusTransport.RabbitMq || options.RabbitMq is null
            ? Task.CompletedTask
            : BrokerConnection.EnsureReachableAsync(options.RabbitMq, TimeSpan.FromSeconds(5), cancellationToken);
}
